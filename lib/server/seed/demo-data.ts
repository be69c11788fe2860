/** Word lists for the demo company's deals. Plain data; demo-deals.ts combines it. */

export const CITIES: Record<string, readonly string[]> = {
  east: ["上海", "杭州", "苏州", "南京", "宁波", "无锡", "合肥", "常州"],
  north: ["北京", "天津", "济南", "青岛", "石家庄", "太原", "大连", "烟台"],
  south: ["广州", "深圳", "东莞", "佛山", "厦门", "福州"],
  west: ["成都", "重庆", "西安", "昆明", "贵阳", "兰州"],
};

export const NAME_CORES = [
  "华信",
  "恒通",
  "瑞丰",
  "远景",
  "鼎盛",
  "金桥",
  "宏达",
  "博远",
  "中科",
  "天元",
  "新锐",
  "景和",
  "安泰",
  "长江",
  "海纳",
  "同创",
  "卓越",
  "嘉禾",
  "汇丰",
  "正泰",
  "启明",
  "万象",
  "星河",
  "盛世",
] as const;

/** Account name patterns per industry: {city} and {core} are filled in. */
export const ACCOUNT_PATTERNS: Record<string, readonly string[]> = {
  manufacturing: [
    "{city}{core}精密制造有限公司",
    "{city}{core}机械股份有限公司",
    "{city}{core}汽车零部件有限公司",
    "{city}{core}电子科技有限公司",
    "{city}{core}新材料股份有限公司",
  ],
  retail: [
    "{city}{core}商贸有限公司",
    "{city}{core}连锁超市有限公司",
    "{city}{core}百货股份有限公司",
    "{city}{core}便利店连锁有限公司",
  ],
  finance: [
    "{city}农村商业银行股份有限公司",
    "{core}证券股份有限公司{city}分公司",
    "{city}{core}融资租赁有限公司",
    "{core}人寿保险股份有限公司{city}分公司",
  ],
  education: ["{city}{core}职业技术学院", "{city}{core}外国语学校", "{city}{core}教育科技有限公司"],
  healthcare: [
    "{city}市第一人民医院",
    "{city}市中医院",
    "{city}{core}医疗器械有限公司",
    "{city}{core}生物医药股份有限公司",
  ],
  internet: ["{city}{core}网络科技有限公司", "{city}{core}信息技术有限公司", "{city}{core}数字科技有限公司"],
  government: [
    "{city}市政务服务管理局",
    "{city}市大数据管理局",
    "{city}市交通运输局",
    "{city}市人力资源和社会保障局",
  ],
};

export const TITLES: Record<string, readonly string[]> = {
  manufacturing: [
    "MES 系统升级项目",
    "智能工厂数据采集平台",
    "设备预测性维护方案",
    "ERP 与 MES 集成项目",
    "质量追溯系统建设",
  ],
  retail: ["门店收银系统替换", "会员营销平台建设", "供应链库存优化项目", "全渠道订单中台", "门店巡检数字化"],
  finance: [
    "信贷审批流程自动化",
    "客户关系管理系统升级",
    "反欺诈风控平台",
    "移动展业平台",
    "数据仓库扩容项目",
  ],
  education: ["智慧校园一卡通项目", "在线教学平台采购", "教务管理系统升级", "校园网络安全改造"],
  healthcare: ["医院 HIS 系统改造", "互联网医院平台", "医疗设备资产管理系统", "临床数据中心建设"],
  internet: ["云资源成本优化服务", "数据中台建设", "客服工单系统采购", "研发效能平台"],
  government: ["政务服务一网通办平台", "城市运行管理中心项目", "档案数字化项目", "公共数据开放平台"],
};

export const TITLE_SUFFIXES = ["", "", "", "(二期)", "(三期)", "(试点)"] as const;

export const NEEDS: Record<string, readonly string[]> = {
  manufacturing: ["车间数据靠手工录入,需要实时掌握产线状态和良率", "多工厂计划协同困难,希望统一生产排程"],
  retail: ["老收银系统故障频繁,高峰期排队严重", "会员数据分散在各门店,无法做精准营销"],
  finance: ["贷款审批平均 5 天,需要缩短到 1 天以内", "监管报送口径多,人工整理数据耗时"],
  education: ["师生身份和消费数据分散,管理成本高", "线上课程平台不稳定,需要支持万人并发"],
  healthcare: ["门诊挂号和缴费排队长,患者满意度低", "设备台账不清,维修和巡检无法追踪"],
  internet: ["云账单每月增长 20%,缺少成本归属", "客服工单量大,响应时效不达标"],
  government: ["办事群众需跑多个窗口,要求一网通办", "各委办局数据不通,难以支撑城市运行监测"],
};

export const PAIN_POINTS = [
  "现有系统厂商停止维护,升级费用高",
  "数据口径不一致,管理层看不到真实情况",
  "流程依赖纸质单据,审批慢且容易出错",
  "业务增长快,现有系统性能跟不上",
  "多个系统之间没有打通,重复录入",
  "缺少移动端,一线人员使用不便",
] as const;

export const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "黄",
  "赵",
  "周",
  "吴",
  "徐",
  "孙",
  "马",
  "朱",
  "胡",
  "郭",
  "何",
  "林",
  "高",
  "罗",
] as const;
export const GIVEN_NAMES = [
  "建国",
  "晓明",
  "海燕",
  "志强",
  "丽华",
  "文博",
  "雪梅",
  "俊杰",
  "秀英",
  "国栋",
  "婷婷",
  "宇航",
  "静怡",
  "鹏",
  "敏",
  "磊",
  "洁",
  "斌",
] as const;
export const DECISION_ROLES = [
  "总经理",
  "CIO",
  "信息中心主任",
  "采购总监",
  "财务总监",
  "副院长",
  "分管副局长",
  "运营副总裁",
] as const;

/** Competitor sets as a rep would record them; "none" only alone. */
export const COMPETITOR_SETS: readonly (readonly string[])[] = [
  ["rivalA"],
  ["rivalB"],
  ["rivalA", "rivalB"],
  ["inHouse"],
  ["rivalA", "inHouse"],
  ["none"],
];
