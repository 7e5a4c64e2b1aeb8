package org.budgethub.bench;

import java.util.List;

/**
 * The kinds of department (部门) the generator makes, each with what a department of that kind looks
 * like in a real extract: its bureaus, the functional 项 its units run on, the names of its
 * subordinate units, its projects with their performance indicators, and the words of its narrative.
 * Synthetic, but shaped like the district disclosures the hub was built for.
 */
final class Sectors {

    record Indicator(String name, String unit, String nature, String target) {
    }

    record ProjectIdea(String name, String summary, String basis, String goal, List<String> ecoCodes,
                       List<Indicator> indicators) {
    }

    /**
     * @param adminFunc       the 行政运行 项 of its administrative units
     * @param institutionFunc the 事业运行 项 of its public institutions
     * @param projectFuncs    the 项 its projects are charged to
     */
    record Sector(String key, List<String> bureaus, String adminFunc, String institutionFunc, List<String> projectFuncs,
                  List<String> unitSuffixes, List<ProjectIdea> projects, List<String> duties, List<String> procurement) {
    }

    /** Chongqing's districts (区) and counties (县), as a department's name begins: 重庆市 + one of these. */
    static final List<String> DISTRICTS = List.of("江北区", "渝中区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "渝北区", "巴南区",
            "大渡口区", "江津区", "合川区", "永川区", "长寿区", "璧山区", "铜梁区", "潼南区", "荣昌区", "綦江区", "大足区", "万州区",
            "涪陵区", "黔江区", "南川区", "开州区", "梁平区", "武隆区", "城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县",
            "巫山县", "巫溪县", "石柱土家族自治县", "秀山土家族苗族自治县", "酉阳土家族苗族自治县", "彭水苗族土家族自治县");

    static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
            "胡", "郭", "何", "罗", "高", "林");
    static final List<String> GIVEN = List.of("静", "洋", "敏", "伟", "芳", "军", "磊", "娟", "涛", "丽", "强", "艳", "勇", "杰",
            "霞", "鹏", "婷", "斌", "雪", "超");

    /** Projects any department may have, whatever its kind. */
    static final List<ProjectIdea> COMMON = List.of(
            new ProjectIdea("信息化系统运行维护", "保障本单位业务信息系统、网络和机房设备稳定运行，开展日常巡检、故障处置和安全防护。",
                    "《政务信息系统运行维护管理办法》", "保障信息系统全年稳定运行，故障及时处置。", List.of("30227", "30213", "30207"),
                    List.of(new Indicator("系统年稳定运行天数", "天", "≥", "360"), new Indicator("故障修复处理时间", "小时", "≤", "4"),
                            new Indicator("网络安全事件", "起", "=", "0"), new Indicator("系统扩展性", null, "定性", "较好"),
                            new Indicator("用户满意度", "%", ">", "95"))),
            new ProjectIdea("档案数字化加工", "对历年纸质档案进行整理、扫描、著录和数字化加工，建立电子档案目录。",
                    "《中华人民共和国档案法》", "按期完成档案数字化加工任务，提升档案利用效率。", List.of("30227", "30226"),
                    List.of(new Indicator("数字化整理档案数量", "卷", "≥", "3000"), new Indicator("档案著录差错率", "%", "<", "1"),
                            new Indicator("档案查询利用便捷程度", null, "定性", "明显提升"))),
            new ProjectIdea("办公设备更新购置", "按照资产配置标准更新达到使用年限的计算机、打印机等办公设备。",
                    "《行政事业单位资产配置标准》", "按标准完成办公设备更新，保障日常办公需要。", List.of("31002"),
                    List.of(new Indicator("更新办公设备数量", "台", "≥", "20"), new Indicator("设备验收合格率", "%", "=", "100"),
                            new Indicator("使用人员满意度", "%", "≥", "90"))),
            new ProjectIdea("业务培训与宣传", "组织开展业务培训、政策宣传和专题调研活动。", "本单位年度工作计划",
                    "完成年度培训和宣传任务，提升业务水平。", List.of("30216", "30202", "30227"),
                    List.of(new Indicator("培训人次", "人次", "≥", "300"), new Indicator("宣传活动场次", "场", "≥", "6"),
                            new Indicator("参训人员满意度", "%", ">", "90"))));

    static final List<Sector> ALL = List.of(
            new Sector("office", List.of("人民政府办公室", "机关事务管理局", "大数据应用发展管理局", "政务服务管理办公室"),
                    "2010301", "2010350", List.of("2010399"),
                    List.of("信息中心", "机关服务中心", "政务服务中心", "数字化城市运行和治理中心", "公共资源交易中心", "档案馆",
                            "接待服务中心", "应急指挥中心", "电子政务中心", "地方志办公室", "政务公开服务中心", "法律顾问中心",
                            "行政审批服务中心", "12345 热线服务中心", "机关幼儿园", "印务中心"),
                    List.of(new ProjectIdea("电子政务外网运行维护", "保障全区电子政务外网正常运行，包括专线链路租赁、核心设备维保和安全监测。",
                                    "《国家电子政务外网管理办法》", "保障电子政务外网全年稳定运行。", List.of("30207", "30227", "30213"),
                                    List.of(new Indicator("年稳定运行天数", "天", "≥", "363"), new Indicator("系统故障修复处理时间", "小时", "≤", "2"),
                                            new Indicator("专线运行维护响应时间", "小时", "≤", "2"), new Indicator("系统扩展性", null, "定性", "较好"),
                                            new Indicator("用户满意度", "%", ">", "95"))),
                            new ProjectIdea("政务公开工作", "组织全区各部门、街镇开展政务公开培训、专区建设和监督检查。",
                                    "国务院办公厅关于政务公开工作的要求", "全面完成年度政务公开工作任务。", List.of("30227", "30216"),
                                    List.of(new Indicator("年办理业务量", "件", "≥", "5000"), new Indicator("网站年稳定运行天数", "天", ">", "363"),
                                            new Indicator("促进本区政务公开工作", null, "定性", "有所改进"), new Indicator("用户满意度", "%", "≥", "95"))),
                            new ProjectIdea("机关大楼物业管理", "机关办公大楼保洁、安保、设施设备运行维护等物业服务。", "物业服务合同",
                                    "保障机关大楼安全、整洁、有序运行。", List.of("30209", "30213"),
                                    List.of(new Indicator("物业服务面积", "万平方米", "≥", "3.5"), new Indicator("安全责任事故", "起", "=", "0"),
                                            new Indicator("服务对象满意度", "%", "≥", "90"))),
                            new ProjectIdea("12345 热线运行保障", "保障政务服务热线坐席、系统平台和知识库运行。", "《关于进一步优化地方政务服务便民热线的指导意见》",
                                    "热线接通及时，诉求办理规范高效。", List.of("30226", "30227", "30207"),
                                    List.of(new Indicator("热线接通率", "%", "≥", "95"), new Indicator("工单按时办结率", "%", "≥", "98"),
                                            new Indicator("群众满意度", "%", ">", "90")))),
                    List.of("负责区政府会议的组织和服务工作，协助区政府领导处理日常工作。", "负责区政府公文处理、政务信息、督查督办和政务公开工作。",
                            "统筹全区电子政务和政务服务平台建设。", "承担机关事务保障和公共资源交易的组织服务工作。"),
                    List.of("电子政务外网专线租赁服务", "机关大楼物业服务", "计算机及网络设备", "办公家具")),
            new Sector("development", List.of("发展和改革委员会", "经济和信息化委员会", "商务委员会", "统计局"),
                    "2010401", "2010450", List.of("2010499"),
                    List.of("价格认证中心", "经济研究中心", "项目评审中心", "营商环境服务中心", "粮食储备中心", "能源监测中心", "统计调查队",
                            "招商服务中心", "中小企业服务中心", "重点项目服务中心", "信用信息中心", "物资储备站", "电子商务服务中心",
                            "经济普查中心", "园区服务中心", "会展服务中心"),
                    List.of(new ProjectIdea("营商环境监测评价", "委托第三方开展营商环境监测评价，形成评价报告和问题清单。",
                                    "《优化营商环境条例》", "完成年度营商环境监测评价。", List.of("30227"),
                                    List.of(new Indicator("企业满意度调查样本量", "家", "≥", "500"), new Indicator("监测评价报告提交时限", "月", "≤", "11"),
                                            new Indicator("问题清单整改完成率", "%", ">", "90"), new Indicator("营商环境改善情况", null, "定性", "持续优化"))),
                            new ProjectIdea("重点项目前期工作", "开展重点项目前期研究、可行性论证和评审。", "区政府重点项目年度计划",
                                    "按期完成重点项目前期论证和评审。", List.of("30227", "30215"),
                                    List.of(new Indicator("完成评审项目数量", "个", "≥", "40"), new Indicator("评审按时完成率", "%", "≥", "95"),
                                            new Indicator("项目单位满意度", "%", ">", "90"))),
                            new ProjectIdea("统计调查", "组织开展常规统计调查和专项统计调查，保障统计数据质量。", "《中华人民共和国统计法》",
                                    "按时完成统计调查任务，数据真实准确。", List.of("30226", "30202", "30227"),
                                    List.of(new Indicator("调查户数", "户", "≥", "1200"), new Indicator("数据差错率", "%", "<", "1"),
                                            new Indicator("统计数据按时报送", null, "定性", "按时报送"))),
                            new ProjectIdea("惠企政策宣传及企业服务", "编印惠企政策汇编和办事指南，开展政策宣讲和企业走访服务。",
                                    "《优化营商环境条例》", "惠企政策知晓率明显提升。", List.of("30202", "30227", "30216"),
                                    List.of(new Indicator("走访服务企业数量", "家", "≥", "300"), new Indicator("政策宣讲场次", "场", "≥", "10"),
                                            new Indicator("企业满意度", "%", ">", "90")))),
                    List.of("贯彻执行国民经济和社会发展的方针政策，拟订并组织实施全区发展规划。", "统筹协调经济社会发展，监测分析宏观经济形势。",
                            "负责全区重点项目的规划、审核和协调推进。", "负责优化营商环境和服务企业工作。"),
                    List.of("营商环境第三方评价服务", "统计调查劳务服务", "政策汇编印刷", "计算机设备")),
            new Sector("culture", List.of("文化和旅游发展委员会", "体育局", "文物管理局", "融媒体中心管理办公室"),
                    "2070101", "2070109", List.of("2070108", "2070111"),
                    List.of("文化馆", "图书馆", "博物馆", "文物管理所", "川剧团", "体育中心", "旅游服务中心", "美术馆", "非遗保护中心",
                            "少年宫", "文化市场综合执法支队", "游泳馆", "体育运动学校", "纪念馆", "文化艺术研究所", "演艺中心"),
                    List.of(new ProjectIdea("群众文化活动", "组织开展广场文艺演出、公益培训和节庆群众文化活动。", "《公共文化服务保障法》",
                                    "丰富群众文化生活，扩大公共文化服务覆盖面。", List.of("30227", "30226", "30218"),
                                    List.of(new Indicator("群众文化活动场次", "场", "≥", "120"), new Indicator("公益文艺培训人次", "人次", "≥", "3000"),
                                            new Indicator("活动安全责任事故", "起", "=", "0"), new Indicator("基层公共文化服务覆盖面", null, "定性", "进一步扩大"),
                                            new Indicator("群众满意度", "%", ">", "90"))),
                            new ProjectIdea("非物质文化遗产保护", "开展非遗代表性项目记录、展示展演和传承人培训。", "《中华人民共和国非物质文化遗产法》",
                                    "完成非遗项目记录和展示展演任务。", List.of("30227", "30226"),
                                    List.of(new Indicator("区级非遗代表性项目记录数量", "项", "=", "12"), new Indicator("非遗展示展演活动场次", "场", "≥", "8"),
                                            new Indicator("资料数字化差错率", "%", "<", "2"), new Indicator("非遗保护传承社会影响", null, "定性", "持续提升"))),
                            new ProjectIdea("全民健身赛事活动", "组织开展全民健身赛事和社会体育指导员培训。", "《全民健身条例》",
                                    "全民健身活动广泛开展。", List.of("30227", "30218", "30226"),
                                    List.of(new Indicator("举办赛事活动场次", "场", "≥", "20"), new Indicator("参与群众人次", "万人次", "≥", "5"),
                                            new Indicator("群众满意度", "%", ">", "90"))),
                            new ProjectIdea("文物保护修缮", "对区级文物保护单位开展日常巡查、保养维护和抢险修缮。", "《中华人民共和国文物保护法》",
                                    "文物保护单位安全、完好。", List.of("30213", "30227", "31003"),
                                    List.of(new Indicator("巡查文物保护单位数量", "处", "≥", "30"), new Indicator("修缮工程验收合格率", "%", "=", "100"),
                                            new Indicator("文物安全事故", "起", "=", "0")))),
                    List.of("贯彻执行文化、旅游和体育工作的方针政策，拟订全区相关发展规划。", "统筹推进公共文化服务体系建设，组织开展群众文化活动。",
                            "负责文物和非物质文化遗产保护工作。", "指导全区全民健身和旅游市场管理。"),
                    List.of("文艺演出服务", "图书采购", "体育器材", "文物修缮工程")),
            new Sector("city", List.of("城市管理局", "住房和城乡建设委员会", "规划和自然资源局", "生态环境局"),
                    "2120101", "2120501", List.of("2120104", "2120199", "2120501"),
                    List.of("环境卫生管理所", "市政设施维护中心", "城市照明管理所", "园林绿化服务中心", "城市管理综合执法支队", "数字城管中心",
                            "渣土运输管理所", "公厕管理站", "排水管理所", "桥梁隧道管理所", "停车管理中心", "垃圾分类指导中心",
                            "建设工程质量安全监督站", "房屋安全鉴定所", "测绘服务中心", "环境监测站"),
                    List.of(new ProjectIdea("城市道路清扫保洁", "城市道路机械化清扫、人工保洁和生活垃圾收集转运。", "《城市市容和环境卫生管理条例》",
                                    "城市道路干净整洁，垃圾日产日清。", List.of("30227", "30226"),
                                    List.of(new Indicator("道路清扫保洁面积", "万平方米", "≥", "860"), new Indicator("生活垃圾日产日清率", "%", "=", "100"),
                                            new Indicator("环卫作业质量考核合格率", "%", "≥", "95"), new Indicator("市民对市容环境满意度", "%", ">", "90"))),
                            new ProjectIdea("市政设施维护", "城市道路、桥梁及附属设施的日常巡查和维修养护。", "《城市道路管理条例》",
                                    "市政设施完好，通行安全。", List.of("30213", "30227", "30218"),
                                    List.of(new Indicator("道路桥梁设施完好率", "%", "≥", "96"), new Indicator("病害修复及时率", "%", "≥", "95"),
                                            new Indicator("路面破损修复时限", "天", "≤", "3"), new Indicator("道路通行安全保障", null, "定性", "有效保障"))),
                            new ProjectIdea("城市管理综合执法", "开展占道经营、违法建设、渣土运输等专项整治和执法装备配备。", "《城市管理执法办法》",
                                    "市容秩序明显改善，违法行为及时查处。", List.of("30227", "31003", "30218"),
                                    List.of(new Indicator("执法装备配备数量", "台（套）", "≥", "300"), new Indicator("专项整治行动开展次数", "次", "≥", "24"),
                                            new Indicator("违法案件查处率", "%", "≥", "95"), new Indicator("投诉举报处置时限", "个工作日", "≤", "5"),
                                            new Indicator("群众满意度", "%", ">", "90"))),
                            new ProjectIdea("城市照明设施运行", "城市道路照明和景观照明设施的运行、电费和维护。", "城市照明管理规定",
                                    "城市照明亮灯率达标。", List.of("30206", "30213"),
                                    List.of(new Indicator("道路照明亮灯率", "%", "≥", "98"), new Indicator("故障修复时限", "小时", "≤", "24"),
                                            new Indicator("市民满意度", "%", ">", "90")))),
                    List.of("贯彻执行城市管理的法律法规和方针政策，拟订全区城市管理规范性文件和发展规划。",
                            "负责全区市容环境卫生管理，统筹道路清扫保洁和生活垃圾收集转运。", "负责城市道路、桥梁、照明等市政设施的维护管理。",
                            "负责城市管理领域相对集中行政处罚权的行使。"),
                    List.of("市容环境卫生保洁服务", "城市道路维修工程", "执法记录仪及执法取证设备", "照明设施维护服务")));

    /** A fund-12 (政府性基金) project: 国有土地使用权出让收入安排的城市建设支出. */
    static final ProjectIdea FUND_PROJECT = new ProjectIdea("城市基础设施配套建设", "使用国有土地使用权出让收入安排的城市道路、管网等基础设施配套建设。",
            "《国有土地使用权出让收支管理办法》", "按期完成城市基础设施配套建设任务。", List.of("30227", "30213"),
            List.of(new Indicator("完成配套道路长度", "公里", "≥", "3"), new Indicator("工程验收合格率", "%", "=", "100"),
                    new Indicator("工程按期完成率", "%", "≥", "95"), new Indicator("周边群众出行条件", null, "定性", "明显改善")));

    private Sectors() {
    }
}
