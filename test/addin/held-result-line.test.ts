import { strict as assert } from "node:assert";
import { emptyReport } from "../../core/sync/sync-report";
import { translator } from "../../addin/shared/i18n";
import { resultLine } from "../../addin/shared/sync-runner";

/** The ribbon's Đồng bộ has no pane: its result line is all the user sees of held deletions (T16). */
describe("the result line counts held deletions (pane and ribbon)", () => {
  const held = () => {
    const r = emptyReport(false);
    r.heldDeletions = [
      { sheet: "Kế hoạch", kind: "task", reason: "sheet-gone", ids: ["a", "b", "c"], synced: 3 },
    ];
    return r;
  };

  it("says how many records wait and where to look, in both languages", () => {
    assert.match(
      resultLine(held(), translator("vi")),
      /^Xong: .* 3 bản ghi chưa bị xóa trên máy chủ, chờ xác nhận/,
    );
    assert.match(resultLine(held(), translator("en")), /3 records were not deleted on the server/);
  });

  it("also when nothing else changed", () => {
    const r = held();
    r.unchanged = true;
    assert.match(resultLine(r, translator("vi")), /^Không có gì thay đổi.* 3 bản ghi chưa bị xóa/);
  });

  it("a sync without held deletions reads as before", () => {
    assert.doesNotMatch(resultLine(emptyReport(false), translator("vi")), /chưa bị xóa/);
  });
});
