import { XlsxPort } from "../../cli/xlsx/xlsx-port";
import { writeFile } from "node:fs/promises";
import { exceljsFromFake, fakeFromExceljs, withTableParts } from "../addin/fake-excel/exceljs-bridge";
import { FakeWorkbook } from "../addin/fake-excel/model";
import { open } from "../helpers/sync";
import { tempDir } from "../helpers/tmp";
import { workbookPortContract } from "./workbook-port.contract";

const tmp = tempDir("xlsx-contract");
after(() => tmp.remove());
let n = 0;

workbookPortContract({
  name: "the file adapter (cli/xlsx) on .xlsx files",
  create: async (seeds) => {
    const file = tmp.file(`w${n++}.xlsx`);
    const fake = FakeWorkbook.from(seeds);
    const written = Buffer.from(await exceljsFromFake(fake).xlsx.writeBuffer());
    await writeFile(file, await withTableParts(written, fake));
    const port = new XlsxPort(file);
    return {
      read: () => port.read(),
      write: (edit) => port.write(edit),
      inspect: async () => fakeFromExceljs(await open(file)),
    };
  },
});
