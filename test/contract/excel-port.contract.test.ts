import { ExcelPort } from "../../addin/excel";
import { FakeExcel } from "../addin/fake-excel/fake-excel";
import { FakeWorkbook } from "../addin/fake-excel/model";
import { workbookPortContract } from "./workbook-port.contract";

workbookPortContract({
  name: "the Excel adapter (addin/excel) on the fake Excel API",
  create: async (seeds) => {
    const excel = new FakeExcel(FakeWorkbook.from(seeds));
    const port = new ExcelPort({ run: excel.run, isSetSupported: excel.isSetSupported });
    return {
      read: () => port.read(),
      write: (edit) => port.write(edit),
      inspect: async () => excel.workbook,
    };
  },
});
