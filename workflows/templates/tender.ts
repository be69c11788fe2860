import { PipelineDefinition, type PipelineDefinitionInput } from "@/workflows/definition/schema";
import { approval, edge, escalate, field, notifyOwner, select, stage } from "./build";

/*
 * Tender / project sales (招投标): register for the tender, pass pre-qualification, prepare and
 * submit the bid (the team manager approves the bid before it goes out), wait for the bid
 * opening, then won or lost. The bid deadline and the bond are fields the bid can't leave without.
 */

const fields: PipelineDefinitionInput["fields"] = [
  field("title", "项目名称", "Project", "text", { requiredAtCreation: true }),
  field("account", "招标单位", "Tendering organisation", "text", { requiredAtCreation: true }),
  field("tenderNumber", "招标编号", "Tender number", "text", { requiredAtCreation: true }),
  field("amount", "项目预算", "Project budget", "currency"),
  field("tenderLink", "招标公告", "Tender notice", "text", { format: "url" }),
  field("registrationDeadline", "报名截止日期", "Registration deadline", "date"),
  field("bidDeadline", "投标截止日期", "Bid deadline", "date"),
  field("bidOpeningDate", "开标日期", "Bid opening date", "date"),
  field("qualificationDocs", "资格预审文件", "Pre-qualification documents", "text", { format: "url" }),
  field("bidBond", "投标保证金", "Bid bond", "currency"),
  field("bidBondPaid", "保证金已缴纳", "Bid bond paid", "boolean"),
  field("bidAmount", "投标报价", "Bid amount", "currency"),
  field("bidDocument", "投标文件", "Bid document", "text", { format: "url" }),
  select(
    "competitors",
    "竞争对手",
    "Competitors",
    [
      ["rivalA", "友商A", "Rival A"],
      ["rivalB", "友商B", "Rival B"],
      ["other", "其他", "Other"],
    ],
    { multi: true },
  ),
  field("finalAmount", "中标金额", "Awarded amount", "currency"),
  select("lostReason", "未中标原因", "Lost reason", [
    ["price", "价格", "Price"],
    ["technical", "技术评分", "Technical score"],
    ["qualification", "资格不符", "Not qualified"],
    ["withdrawn", "主动放弃", "Withdrew"],
    ["cancelled", "项目取消", "Tender cancelled"],
    ["other", "其他", "Other"],
  ]),
];

const nodes = [
  stage({
    key: "registration",
    zh: "报名",
    en: "Registration",
    column: 0,
    probability: 10,
    requiredFields: ["registrationDeadline", "bidDeadline"],
    guidance: [
      "核实招标公告和报名条件,在截止日期前完成报名并购买招标文件。",
      "Check the tender notice and who may take part, register before the deadline and obtain the tender documents.",
    ],
    timeLimit: { days: 7, then: [notifyOwner] },
  }),
  stage({
    key: "prequalification",
    zh: "资格预审",
    en: "Pre-qualification",
    column: 1,
    probability: 25,
    requiredFields: ["qualificationDocs"],
    exitChecklist: [
      {
        id: "licencesValid",
        label: { zh: "资质证书在有效期内", en: "Licences and certificates are valid" },
      },
      { id: "docsStamped", label: { zh: "预审文件已盖章", en: "Pre-qualification documents stamped" } },
    ],
    guidance: [
      "按招标文件准备资质、业绩和财务材料,盖章后按时提交预审。",
      "Prepare licences, references and financial statements as the tender asks, stamp them and submit them on time.",
    ],
    timeLimit: { days: 14, then: [notifyOwner, escalate] },
  }),
  stage({
    key: "bidding",
    zh: "投标",
    en: "Bidding",
    column: 2,
    probability: 40,
    requiredFields: ["bidAmount", "bidBond", "bidDocument"],
    exitChecklist: [
      { id: "bondPaid", label: { zh: "投标保证金已缴纳", en: "Bid bond paid" } },
      { id: "bidSealed", label: { zh: "投标文件已密封盖章", en: "Bid sealed and stamped" } },
    ],
    guidance: [
      "编制技术和商务标书,确认报价和保证金;投标文件提交前需经理审批。",
      "Write the technical and commercial bid, settle the price and the bond; the manager approves the bid before it is submitted.",
    ],
    timeLimit: { days: 10, then: [escalate] },
  }),
  approval("bidApproval", "投标审批", "Bid approval", 3, 0),
  stage({
    key: "bidOpening",
    zh: "开标",
    en: "Bid opening",
    column: 4,
    probability: 60,
    guidance: [
      "参加开标会,记录各家报价;评标期间及时回应澄清问题。",
      "Attend the bid opening and note every bidder's price; answer clarification questions quickly while bids are evaluated.",
    ],
    timeLimit: { days: 30, then: [notifyOwner] },
  }),
  stage({
    key: "won",
    zh: "中标",
    en: "Won",
    column: 5,
    outcome: "won",
    probability: 100,
    guidance: [
      "领取中标通知书,在规定期限内签订合同并办理保证金退还或转履约保证金。",
      "Collect the award notice, sign the contract in time and get the bid bond returned or turned into a performance bond.",
    ],
  }),
  stage({
    key: "lost",
    zh: "未中标",
    en: "Lost",
    column: 3,
    row: 2,
    outcome: "lost",
    probability: 0,
    guidance: [
      "记录中标单位和中标价,申请退还保证金,复盘失标原因。",
      "Record who won and at what price, ask for the bid bond back and review why the bid was lost.",
    ],
  }),
];

const withdraw = (source: string) =>
  edge(source, "lost", { action: ["withdraw", "放弃投标", "Withdraw"], requiredFields: ["lostReason"] });

const edges = [
  edge("registration", "prequalification", { action: ["registered", "完成报名", "Registered"] }),
  withdraw("registration"),
  edge("prequalification", "bidding", {
    action: ["prequalified", "通过预审", "Passed pre-qualification"],
  }),
  edge("prequalification", "lost", {
    action: ["notPrequalified", "未通过预审", "Failed pre-qualification"],
    requiredFields: ["lostReason"],
  }),
  edge("bidding", "bidApproval", { action: ["submitBid", "提交投标", "Submit bid"] }),
  withdraw("bidding"),
  edge("bidApproval", "bidOpening", { branch: "approve" }),
  edge("bidApproval", "bidding", { branch: "reject" }),
  edge("bidOpening", "won", {
    action: ["awarded", "中标", "Awarded"],
    requiredFields: ["finalAmount"],
  }),
  edge("bidOpening", "lost", {
    action: ["notAwarded", "未中标", "Not awarded"],
    requiredFields: ["lostReason"],
  }),
];

/** 招投标 / tender: registration → pre-qualification → bidding (approved) → bid opening → won / lost. */
export const tenderProcess: PipelineDefinition = PipelineDefinition.parse({
  schemaVersion: 1,
  name: { zh: "招投标流程", en: "Tender process" },
  initialNodeId: "registration",
  fields,
  rules: [],
  nodes,
  edges,
} satisfies PipelineDefinitionInput);
