import { strict as assert } from "node:assert";
import { readWorkbook } from "../../core/layout/read-workbook";
import { statsFromWorkbook } from "../../core/stats/workbook-stats";
import { d, gridsOf, type SheetSpec } from "../helpers/workbooks";

async function read(sheets: SheetSpec[], year?: number) {
  const r = readWorkbook(await gridsOf(sheets), year === undefined ? {} : { year });
  return { read: r, stats: statsFromWorkbook(r, { asOf: "2021-03-31" }) };
}

describe("layout detection: task plans", () => {
  it("reads a plan with title rows, STT, column numbers and section rows in its own order", async () => {
    const { read: r, stats } = await read([
      {
        name: "Sheet1",
        rows: [
          ["UBND TỈNH X", null, null, null, null],
          ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2021", null, null, null, null],
          [],
          ["STT", "Nội dung", "Đơn vị chủ trì", "Thời gian hoàn thành", "Tiến độ", "Ngày hoàn thành"],
          ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
          ["I", "CẢI CÁCH THỂ CHẾ"],
          [1, "Rà soát văn bản", "Văn phòng Sở", "Quý I", "Đã hoàn thành", d(2021, 3, 1)],
          [2, "Theo dõi thi hành pháp luật", "VP", "Tháng 6", "Đang thực hiện", null],
          ["II", "Công tác chỉ đạo, điều hành CCHC"],
          [1, "Ban hành kế hoạch", "VP", "31/01/2021", "Hoàn thành", "15/01/2021"],
          ["III", "Kiểm tra CCHC"],
          [1, "Kiểm tra các phòng", "VP", "Quý III", "Chưa thực hiện", null],
          [],
          ["Tổng cộng", null, null, null, null],
          [null, "NGƯỜI LẬP BIỂU"],
        ],
        merges: ["A1:F1", "A2:F2", "B6:F6", "B9:F9", "B11:F11"],
      },
    ]);
    assert.equal(r.year, 2021);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.tasks.map((t) => [t.content, t.field]),
      [
        ["Rà soát văn bản", 2],
        ["Theo dõi thi hành pháp luật", 2],
        ["Ban hành kế hoạch", 1],
        ["Kiểm tra các phòng", 9],
      ],
    );
    assert.equal(r.fields[8]?.vi, "Kiểm tra CCHC", "an unmatched section becomes the plan's own field");
    assert.ok(
      r.mapping.some((m) => m.notes.some((n) => n.en.includes("Kiểm tra CCHC"))),
      "and the mapping says so",
    );
    assert.equal(stats.tasks.done, 2);
    assert.equal(stats.tasks.total, 4);
    const mapping = r.mapping.find((m) => m.kind === "tasks")!;
    assert.deepEqual(mapping.headerRows, [4]);
    assert.equal(mapping.firstDataRow, 6);
  });

  it("reads English headers without a title, taking the year from --year", async () => {
    const { read: r } = await read(
      [
        {
          name: "Plan",
          rows: [
            ["No.", "Task", "Field", "Lead unit", "Deadline", "Status", "Completion date"],
            [1, "Write the plan", "1", "VP", "Q1", "Done", "2021-01-20"],
            [2, "Train staff", "Civil-service reform", "VP", "Tháng 6", "In progress", null],
            [3, "Digital services", "VII", "Văn phòng Sở", "Thường xuyên", "Not started", null],
          ],
        },
      ],
      2021,
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.tasks.map((t) => [t.field, t.status, t.deadline?.due ?? "recurring"]),
      [
        [1, "done", "2021-03-31"],
        [5, "in-progress", "2021-06-30"],
        [7, "not-started", "recurring"],
      ],
    );
  });

  it("reads headers without diacritics and 'Lĩnh vực …' section rows", async () => {
    const { read: r } = await read([
      {
        name: "KH 2021",
        rows: [
          ["TT", "Noi dung nhiem vu", "Don vi chu tri", "Thoi han", "Tinh trang"],
          ["Lĩnh vực 3: Cải cách thủ tục hành chính"],
          [1, "Niêm yết TTHC", "VP", "30/6/2021", "da hoan thanh"],
          ["Lĩnh vực 6: Cải cách tài chính công"],
          [1, "Quy chế chi tiêu", "KHTC", "Quy I", "chua thuc hien"],
        ],
      },
    ]);
    assert.equal(r.year, 2021, "year from the sheet name");
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.tasks.map((t) => t.field),
      [3, 6],
    );
  });

  it("reads a two-row header: a group cell over its sub-headers", async () => {
    const { read: r, stats } = await read(
      [
        {
          name: "Nhiệm vụ",
          rows: [
            ["STT", "Nội dung nhiệm vụ", "Đơn vị", "Thời hạn", "Kết quả thực hiện", null],
            [null, null, null, null, "Tình trạng", "Ngày hoàn thành"],
            [1, "A", "VP", "Quý I", "Đã hoàn thành", "10/02/2021"],
            [2, "B", "VP", "15/03/2021", "Đã hoàn thành", "10/04/2021"],
          ],
          merges: ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1"],
        },
      ],
      2021,
    );
    const mapping = r.mapping.find((m) => m.kind === "tasks")!;
    assert.deepEqual(mapping.headerRows, [1, 2]);
    assert.deepEqual(
      mapping.columns?.map((c) => c.field),
      ["stt", "content", "leadUnit", "deadline", "status", "completedOn"],
    );
    assert.equal(stats.tasks.doneOnTime, 1);
    assert.equal(
      stats.tasks.notDoneOverdue,
      1,
      "completed after the cut-off: not done yet at 31/03, and past due",
    );
  });
});

describe("layout detection: dossier registers", () => {
  const mau06Header = [
    ["SỔ THEO DÕI HỒ SƠ"],
    [],
    [
      "STT",
      "Mã hồ sơ",
      "Tên TTHC",
      "Số lượng hồ sơ (bộ)",
      "Tên cá nhân, tổ chức",
      "Địa chỉ, số điện thoại",
      "Cơ quan chủ trì giải quyết",
      "Nhận hồ sơ (ngày, tháng, năm)",
      "Hẹn trả kết quả (ngày, tháng, năm)",
      "Chuyển hồ sơ đến cơ quan giải quyết",
      null,
      "Trả kết quả",
      null,
      "Ghi chú",
    ],
    [
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      "Ngày, tháng, năm",
      "Ký nhận",
      "Ngày, tháng, năm",
      "Ký nhận",
      null,
    ],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)", "(13)", "(14)"],
  ];
  const mau06Merges = [
    "A1:N1",
    "A3:A4",
    "B3:B4",
    "C3:C4",
    "D3:D4",
    "E3:E4",
    "F3:F4",
    "G3:G4",
    "H3:H4",
    "I3:I4",
    "J3:K3",
    "L3:M3",
    "N3:N4",
  ];

  it("reads the official Mẫu số 06 register: no status column, notes for returned/withdrawn, date-time text", async () => {
    const { read: r, stats } = await read(
      [
        {
          name: "So theo doi",
          rows: [
            ...mau06Header,
            [
              1,
              "H40-001",
              "Cấp giấy phép lao động",
              1,
              "Nguyễn Văn A",
              "P1",
              "Phòng Lao động - Việc làm",
              "05/01/2021 08:30",
              "12/01/2021",
              "06/01/2021",
              "ký",
              "11/01/2021",
              "ký",
              null,
            ],
            [
              2,
              "H40-002",
              "Cấp giấy phép lao động",
              1,
              "Trần B",
              "P2",
              "LDVL",
              d(2021, 1, 6),
              d(2021, 1, 13),
              null,
              null,
              d(2021, 1, 13),
              null,
              null,
            ],
            [
              3,
              "H40-003",
              "Đăng ký nội quy",
              1,
              "Công ty C",
              "P3",
              "LDVL",
              "10/03/2021",
              "20/03/2021",
              null,
              null,
              "12/03/2021",
              null,
              "Trả lại hồ sơ do thiếu giấy tờ",
            ],
            [
              4,
              "H40-004",
              "Đăng ký nội quy",
              1,
              "Công ty D",
              "P4",
              "LDVL",
              "15/03/2021",
              "25/03/2021",
              null,
              null,
              null,
              null,
              "Công dân rút hồ sơ",
            ],
            [
              5,
              "H40-005",
              "Trợ cấp",
              1,
              "Lê E",
              "P5",
              "NCC",
              "25/03/2021",
              "08/04/2021",
              null,
              null,
              null,
              null,
              null,
            ],
            [
              6,
              "H40-006",
              "Trợ cấp",
              1,
              "Lê F",
              "P6",
              "NCC",
              "01/03/2021",
              "10/03/2021",
              null,
              null,
              null,
              null,
              null,
            ],
          ],
          merges: mau06Merges,
        },
      ],
      2021,
    );
    assert.deepEqual(r.errors, []);
    const mapping = r.mapping.find((m) => m.kind === "dossiers")!;
    assert.deepEqual(mapping.headerRows, [3, 4]);
    assert.equal(mapping.firstDataRow, 6);
    assert.deepEqual(
      mapping.columns?.map((c) => c.field),
      [
        "stt",
        "code",
        "procedure",
        "quantity",
        "applicantName",
        "applicantAddress",
        "unit",
        "receivedOn",
        "dueOn",
        "ignored",
        "ignored",
        "resultOn",
        "ignored",
        "notes",
      ],
    );
    assert.deepEqual(
      r.dossiers.map((x) => x.status),
      ["resolved", "resolved", "returned", "withdrawn", "processing", "processing"],
    );
    const s = stats.dossiers;
    assert.deepEqual(s.resolved, { total: 2, ahead: 1, onTime: 1, overdue: 0 });
    assert.deepEqual(s.processing, { total: 2, withinDeadline: 1, overdue: 1 });
    assert.equal(s.returnedOrWithdrawn, 2);
    assert.equal(s.received.total, 6);
    assert.equal(s.received.inPersonOrPost, 6, "no channel column: in person/post, and the mapping says so");
    assert.ok(mapping.notes.some((n) => n.en.includes("No channel column")));
  });

  it("computes the due date from the processing time in working days when there is no appointment date", async () => {
    const { read: r } = await read(
      [
        {
          name: "Hồ sơ",
          rows: [
            [
              "Mã hồ sơ",
              "Thủ tục",
              "Lĩnh vực",
              "Hình thức nộp",
              "Ngày tiếp nhận",
              "Thời hạn giải quyết (ngày làm việc)",
              "Ngày trả kết quả",
              "Trạng thái",
            ],
            [
              "A1",
              "TC thất nghiệp",
              "Việc làm",
              "Trực tuyến",
              "08/02/2021",
              3,
              "17/02/2021",
              "Đã giải quyết",
            ],
            [
              "A2",
              "TC thất nghiệp",
              "Việc làm",
              "Trực tiếp",
              "08/02/2021",
              "3 ngày",
              null,
              "Đang giải quyết",
            ],
          ],
        },
      ],
      2021,
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.dossiers.map((x) => [x.dueOn, x.dueFrom]),
      [
        ["2021-02-18", "processing-days"],
        ["2021-02-18", "processing-days"],
      ],
    );
  });

  it("finds both kinds whatever the sheet names, and ignores other sheets", async () => {
    const { read: r } = await read([
      { name: "Ghi chú", rows: [["Sổ này do Văn phòng quản lý"]] },
      {
        name: "abc",
        rows: [
          ["Received", "Due date", "Result date", "Procedure", "Channel"],
          ["02/03/2021", "09/03/2021", "05/03/2021", "X", "online"],
        ],
      },
      {
        name: "xyz",
        rows: [
          ["Content", "Lead unit", "Deadline", "Status"],
          ["T", "VP", "31/12/2021", "Done"],
        ],
      },
    ]);
    assert.deepEqual(
      r.mapping.map((m) => [m.sheet, m.kind]),
      [
        ["", "workbook"],
        ["Ghi chú", "ignored"],
        ["abc", "dossiers"],
        ["xyz", "tasks"],
      ],
    );
    assert.equal(r.dossiers.length, 1);
    assert.equal(r.tasks.length, 1);
  });
});

describe("layout detection: header wording seen in real plans", () => {
  it("reads slashes and line breaks in headers, and lettered groups above the field sections", async () => {
    const { read: r } = await read(
      [
        {
          name: "KH",
          rows: [
            [
              "TT",
              "Tên nhiệm vụ",
              "Cơ quan, đơn vị\nchủ trì",
              "Cơ quan phối hợp",
              "Thời gian thực hiện/hoàn thành",
              "Kết quả thực hiện\n(Đã hoàn thành/Đang thực hiện)",
            ],
            ["A", "NHIỆM VỤ TRỌNG TÂM"],
            ["I", "Cải cách thể chế"],
            [1, "Task 1", "VP", null, "Quý II", "Đang thực hiện"],
            ["B", "NHIỆM VỤ KHÁC"],
            [1, "Task 2", "VP", null, "Quý II", "Đang thực hiện"],
          ],
        },
      ],
      2021,
    );
    assert.deepEqual(
      r.mapping.find((m) => m.kind === "tasks")?.columns?.map((c) => c.field),
      ["stt", "content", "leadUnit", "coordinatingUnits", "deadline", "status"],
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.tasks.map((t) => t.field),
      [2, undefined],
    );
    assert.equal(r.fields.length, 8, "lettered groups add no field");
  });
});
