/**
 * Knowledge point 4.1 安全用电: safe voltages, grounding resistance limits, clearances, residual
 * current protection, current through the body, technical and organisational measures,
 * signs, earthing leads, lockout/tagout, rescue and first aid. Fixed facts get varied situations
 * and phrasings; numeric templates compute body currents, touch voltages and earth electrodes.
 */
import {
  defineFactTemplate,
  defineScenarioTemplate,
  numericFact,
  pick,
  type TheoryTemplate,
} from '../theory-template';

const KNOWLEDGE_POINT = '4.1';

/** A fact with one correct value among several of the same kind. */
function valueFact(spec: {
  id: string;
  difficulty: number;
  situations: readonly string[];
  asks: readonly string[];
  key: string;
  values: readonly string[];
  statement: (option: string) => string;
}): TheoryTemplate {
  return defineFactTemplate({
    id: spec.id,
    knowledgePoint: KNOWLEDGE_POINT,
    difficulty: spec.difficulty,
    situations: spec.situations,
    asks: spec.asks,
    trueOptions: [spec.key],
    falseOptions: spec.values.filter((value) => value !== spec.key),
    statements: [spec.statement],
  });
}

const LIGHTING_VOLTAGES = ['6 V', '12 V', '24 V', '36 V', '42 V', '50 V'];

const lightingVoltageTemplates: TheoryTemplate[] = [
  {
    id: 'safety-voltage-12',
    key: '12 V',
    situations: ['在金属容器内作业时使用的手持照明灯', '在锅炉内检修时使用的行灯', '特别潮湿且地面导电良好的场所的照明'],
  },
  { id: 'safety-voltage-24', key: '24 V', situations: ['潮湿和易触及带电体场所的照明', '施工现场潮湿且人员易触及带电体的场所的照明'] },
  {
    id: 'safety-voltage-36',
    key: '36 V',
    situations: ['隧道、人防工程等场所的照明', '有导电灰尘、比较潮湿或灯具离地面高度低于2.5 m等场所的照明', '一般场所使用的手持行灯'],
  },
].map(({ id, key, situations }) =>
  valueFact({
    id,
    difficulty: 2,
    situations,
    asks: ['其电源电压不应大于', '其电源电压的上限为'],
    key,
    values: LIGHTING_VOLTAGES,
    statement: (option) => `其电源电压的上限规定为${option}`,
  }),
);

const safetyVoltageLevels = defineFactTemplate({
  id: 'safety-voltage-levels',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['', '根据我国有关安全电压的规定', '选用安全电压供电时'],
  asks: ['属于我国安全电压额定值（等级）的是'],
  negativeAsks: ['不属于我国安全电压额定值（等级）的是'],
  multipleAsks: ['我国规定的安全电压额定值（等级）有'],
  trueOptions: ['42 V', '36 V', '24 V', '12 V', '6 V'],
  falseOptions: ['48 V', '60 V', '110 V', '127 V'],
  statements: [(option) => `${option}属于我国规定的安全电压额定值`],
});

const GROUNDING_VALUES = ['0.5 Ω', '1 Ω', '4 Ω', '10 Ω', '30 Ω', '100 Ω'];

const groundingTemplates: TheoryTemplate[] = [
  { id: 'safety-grounding-work-large', key: '4 Ω', situation: '容量在100 kVA以上的配电变压器低压侧中性点的工作接地电阻' },
  { id: 'safety-grounding-work-small', key: '10 Ω', situation: '容量在100 kVA及以下的配电变压器低压侧中性点的工作接地电阻' },
  { id: 'safety-grounding-repeated', key: '10 Ω', situation: '工作接地电阻不大于4 Ω的TN系统中，每处重复接地的接地电阻' },
  { id: 'safety-grounding-protective', key: '4 Ω', situation: '低压电气设备的保护接地电阻在一般情况下' },
  { id: 'safety-grounding-lightning-rod', key: '10 Ω', situation: '独立避雷针的冲击接地电阻在一般情况下' },
].map(({ id, key, situation }) =>
  valueFact({
    id,
    difficulty: 2,
    situations: [situation],
    asks: ['不应大于', '其允许最大值为'],
    key,
    values: GROUNDING_VALUES,
    statement: (option) => `不应大于${option}`,
  }),
);

const CLEARANCES = ['0.35 m', '0.60 m', '0.70 m', '1.00 m', '1.50 m', '3.00 m', '5.00 m'];

const clearanceTemplates: TheoryTemplate[] = [
  { voltage: '10 kV及以下', key: '0.70 m' },
  { voltage: '35 kV', key: '1.00 m' },
  { voltage: '110 kV', key: '1.50 m' },
  { voltage: '220 kV', key: '3.00 m' },
].map(({ voltage, key }, index) =>
  valueFact({
    id: `safety-clearance-${index + 1}`,
    difficulty: 2,
    situations: [`设备不停电时，工作人员与${voltage}带电设备之间`, `在${voltage}电压等级的设备不停电的情况下，人员与带电部分之间`],
    asks: ['安全距离不得小于', '应保持的最小安全距离为'],
    key,
    values: CLEARANCES,
    statement: (option) => `应保持的最小安全距离为${option}`,
  }),
);

const residualCurrent = valueFact({
  id: 'safety-rcd-current',
  difficulty: 2,
  situations: ['施工现场开关箱中的剩余电流动作保护器', '手持式电动工具回路中用于人身防护的剩余电流动作保护器', '住宅插座回路中用于人身防护的剩余电流动作保护器'],
  asks: ['其额定剩余动作电流不应大于'],
  key: '30 mA',
  values: ['30 mA', '50 mA', '100 mA', '300 mA', '500 mA'],
  statement: (option) => `其额定剩余动作电流的上限为${option}`,
});

const residualTime = valueFact({
  id: 'safety-rcd-time',
  difficulty: 2,
  situations: ['施工现场开关箱中额定剩余动作电流为30 mA的剩余电流动作保护器', '用于人身触电防护的30 mA剩余电流动作保护器'],
  asks: ['其额定剩余动作时间不应大于'],
  key: '0.1 s',
  values: ['0.1 s', '0.2 s', '0.5 s', '1 s', '2 s'],
  statement: (option) => `其额定剩余动作时间的上限为${option}`,
});

const BODY_CURRENTS = ['0.1 mA', '1 mA', '10 mA', '50 mA', '500 mA'];

const bodyCurrentTemplates: TheoryTemplate[] = [
  { id: 'safety-body-perception', kind: '感知电流', key: '1 mA' },
  { id: 'safety-body-letgo', kind: '摆脱电流', key: '10 mA' },
  { id: 'safety-body-fibrillation', kind: '可能引起心室颤动的致命电流', key: '50 mA' },
].map(({ id, kind, key }) =>
  valueFact({
    id,
    difficulty: 2,
    situations: [`工频交流电通过成年人体时，一般认为其${kind}`, `就工频电流对人体的作用而言，成年人的${kind}`],
    asks: ['约为'],
    key,
    values: BODY_CURRENTS,
    statement: (option) => `约为${option}`,
  }),
);

const compressionRate = valueFact({
  id: 'safety-cpr-rate',
  difficulty: 2,
  situations: ['按现行心肺复苏指南，对心跳停止的成年触电者进行胸外心脏按压时', '现场对成年触电者实施胸外按压时'],
  asks: ['按压频率应为'],
  key: '100～120次/min',
  values: ['40～60次/min', '60～80次/min', '100～120次/min', '150～180次/min'],
  statement: (option) => `按压频率应为${option}`,
});

const compressionDepth = valueFact({
  id: 'safety-cpr-depth',
  difficulty: 2,
  situations: ['按现行心肺复苏指南，对成年触电者进行胸外心脏按压时', '对心跳停止的成年人实施胸外按压时'],
  asks: ['胸骨下陷深度应为'],
  key: '5～6 cm',
  values: ['1～2 cm', '2～3 cm', '5～6 cm', '8～10 cm'],
  statement: (option) => `胸骨下陷深度应为${option}`,
});

const compressionRatio = valueFact({
  id: 'safety-cpr-ratio',
  difficulty: 2,
  situations: ['按现行心肺复苏指南，单人对成年触电者进行心肺复苏时', '对呼吸心跳均停止的成年触电者实施心肺复苏时'],
  asks: ['胸外按压与人工呼吸的次数比应为'],
  key: '30:2',
  values: ['5:1', '10:1', '15:1', '30:2'],
  statement: (option) => `胸外按压与人工呼吸的次数比应为${option}`,
});

const SIGNS = ['禁止合闸，有人工作！', '止步，高压危险！', '在此工作！', '从此上下！', '禁止攀登，高压危险！'];

const signTemplates: TheoryTemplate[] = [
  { key: '禁止合闸，有人工作！', situations: ['在一经合闸即可送电到工作地点的断路器和隔离开关的操作把手上', '检修设备停电后，在其电源开关的操作把手上'] },
  { key: '止步，高压危险！', situations: ['在室外高压设备工作地点四周的围栏上', '在工作地点邻近带电设备的遮栏上'] },
  { key: '在此工作！', situations: ['在工作地点或检修设备上', '在停电检修的设备处'] },
  { key: '从此上下！', situations: ['在工作人员上下用的铁架或梯子上', '在检修时作业人员上下的爬梯上'] },
  { key: '禁止攀登，高压危险！', situations: ['在工作人员上下的铁架邻近可能误登的带电架构上', '在邻近工作地点、可能被误登的带电设备构架上'] },
].map(({ key, situations }, index) =>
  valueFact({
    id: `safety-sign-${index + 1}`,
    difficulty: 2,
    situations,
    asks: ['应悬挂的标示牌是', '应设置的标示牌为'],
    key,
    values: SIGNS,
    statement: (option) => `应悬挂“${option.replace(/！$/u, '')}”标示牌`,
  }),
);

const earthingLeadOn = valueFact({
  id: 'safety-earthing-lead-on',
  difficulty: 2,
  situations: ['停电检修时装设携带型接地线', '在已验明无电的设备上挂接地线时'],
  asks: ['正确的顺序是'],
  key: '先接接地端，后接导体端',
  values: ['先接接地端，后接导体端', '先接导体端，后接接地端', '接地端和导体端同时连接', '按现场方便任意顺序连接'],
  statement: (option) => `正确的顺序是${option}`,
});

const earthingLeadOff = valueFact({
  id: 'safety-earthing-lead-off',
  difficulty: 2,
  situations: ['检修结束拆除携带型接地线', '工作终结后拆除接地线时'],
  asks: ['正确的顺序是'],
  key: '先拆导体端，后拆接地端',
  values: ['先拆导体端，后拆接地端', '先拆接地端，后拆导体端', '接地端和导体端同时拆除', '按现场方便任意顺序拆除'],
  statement: (option) => `正确的顺序是${option}`,
});

const TECHNICAL_MEASURES = ['停电', '验电', '装设接地线', '悬挂标示牌和装设遮栏'];
const ORGANISATIONAL_MEASURES = ['工作票制度', '工作许可制度', '工作监护制度', '工作间断、转移和终结制度'];

const technicalMeasures = defineFactTemplate({
  id: 'safety-technical-measures',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['在全部停电或部分停电的电气设备上工作', '在低压配电柜上停电检修前', '在电气设备上停电作业时'],
  asks: ['属于保证安全的技术措施的是'],
  negativeAsks: ['不属于保证安全的技术措施的是'],
  multipleAsks: ['必须完成的保证安全的技术措施有'],
  trueOptions: TECHNICAL_MEASURES,
  falseOptions: ORGANISATIONAL_MEASURES,
  statements: [(option) => `${option}属于保证安全的技术措施`],
});

const organisationalMeasures = defineFactTemplate({
  id: 'safety-organisational-measures',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['在电气设备上工作', '组织电气检修作业时', '在变配电所内进行检修作业时'],
  asks: ['属于保证安全的组织措施的是'],
  negativeAsks: ['不属于保证安全的组织措施的是'],
  multipleAsks: ['保证安全的组织措施有'],
  trueOptions: ORGANISATIONAL_MEASURES,
  falseOptions: TECHNICAL_MEASURES,
  statements: [(option) => `${option}属于保证安全的组织措施`],
});

const firstAction = valueFact({
  id: 'safety-first-action',
  difficulty: 1,
  situations: ['发现有人低压触电时', '在车间发现有人触电倒在设备旁且仍与带电体接触时'],
  asks: ['首先应'],
  key: '迅速使触电者脱离电源',
  values: ['迅速使触电者脱离电源', '立即对触电者进行人工呼吸', '用手直接拉开触电者', '立即给触电者注射强心针'],
  statement: (option) => `首先应${option}`,
});

const releaseMethods = defineFactTemplate({
  id: 'safety-release-methods',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['使低压触电者脱离电源时', '发现有人触及低压带电导线时'],
  asks: ['下列做法正确的是'],
  negativeAsks: ['下列做法错误的是'],
  multipleAsks: ['可采用的正确方法有'],
  trueOptions: ['拉开电源开关或拔下电源插头', '用干燥的木棒、竹竿等绝缘物挑开电线', '用带绝缘柄的工具切断电源线'],
  falseOptions: ['用手直接拉触电者的身体', '用潮湿的木棒挑开电线', '用金属杆拨开电线'],
  statements: [(option) => `可以${option}`],
});

const auxiliaryTools = defineFactTemplate({
  id: 'safety-auxiliary-tools',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  situations: ['在高压电气设备上进行操作时', '对于高压电气作业使用的安全用具'],
  asks: ['属于辅助绝缘安全用具的是'],
  negativeAsks: ['不属于辅助绝缘安全用具的是'],
  multipleAsks: ['属于辅助绝缘安全用具的有'],
  trueOptions: ['绝缘手套', '绝缘靴', '绝缘垫'],
  falseOptions: ['绝缘杆', '绝缘夹钳', '高压验电器'],
  statements: [(option) => `${option}属于辅助绝缘安全用具`],
});

const basicTools = defineFactTemplate({
  id: 'safety-basic-tools',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  situations: ['在高压电气设备上进行操作时', '对于高压电气作业使用的安全用具'],
  asks: ['属于基本绝缘安全用具的是'],
  negativeAsks: ['不属于基本绝缘安全用具的是'],
  multipleAsks: ['属于基本绝缘安全用具的有'],
  trueOptions: ['绝缘杆', '绝缘夹钳', '高压验电器'],
  falseOptions: ['绝缘手套', '绝缘靴', '绝缘垫'],
  statements: [(option) => `${option}属于基本绝缘安全用具`],
});

const lockout = defineFactTemplate({
  id: 'safety-lockout',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['对检修设备实施上锁挂牌（能量隔离）时', '多人共同检修一台设备并执行上锁挂牌时'],
  asks: ['下列做法正确的是'],
  negativeAsks: ['下列做法错误的是'],
  multipleAsks: ['下列做法正确的有'],
  trueOptions: ['每名作业人员在隔离点挂上自己的锁和标签', '上锁后先验电或试操作确认能量已隔离', '锁具钥匙由上锁人本人保管'],
  falseOptions: ['作业未结束时由他人剪断锁具送电', '只挂标签而不断开电源即开始作业', '上锁后不经确认即直接开始作业'],
  statements: [(option) => `${option}是正确的做法`],
});

const voltageTesting = defineFactTemplate({
  id: 'safety-voltage-testing',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['停电检修前进行验电时', '在装设接地线之前验电时'],
  asks: ['下列做法正确的是'],
  negativeAsks: ['下列做法错误的是'],
  multipleAsks: ['下列做法正确的有'],
  trueOptions: ['使用电压等级相符且合格的验电器', '验电前先在有电设备上确认验电器良好', '在检修设备进出线两侧各相分别验电'],
  falseOptions: ['只验其中一相即可', '以设备指示灯熄灭作为无电的唯一依据', '使用电压等级不符的验电器'],
  statements: [(option) => `${option}是正确的做法`],
});

const protectiveConductor = defineFactTemplate({
  id: 'safety-protective-conductor',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['在TN-S系统中', '对于低压配电系统中的保护导体（PE线）'],
  asks: ['下列说法正确的是'],
  negativeAsks: ['下列说法错误的是'],
  multipleAsks: ['下列说法正确的有'],
  trueOptions: ['PE线上严禁装设开关或熔断器', 'PE线应采用绿/黄双色绝缘导线', '电气设备的外露可导电部分应与PE线可靠连接'],
  falseOptions: ['PE线上应装设熔断器作短路保护', 'PE线可以兼作工作中性线使用', 'PE线可以采用淡蓝色绝缘导线'],
  statements: [(option) => option],
});

const bodyCurrent = defineScenarioTemplate({
  id: 'safety-body-current',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  scenario: (random) => {
    const voltage = pick(random, [24, 36, 48, 110, 127, 220, 380]);
    const resistance = pick(random, [800, 1000, 1200, 1500, 1700, 2000, 2500]);
    const contact = pick(random, ['人体不慎触及', '检修人员误碰', '操作人员单手接触']);
    return {
      given: `人体电阻按R = ${resistance} Ω计算，${contact}电压U = ${voltage} V的带电体（忽略其他电阻）`,
      facts: [numericFact('通过人体的电流I', voltage / resistance, [resistance / voltage / 1000, (voltage / resistance) * 1000, voltage / resistance / 10, (voltage * resistance) / 1e6], 'A')],
    };
  },
});

const residualCurrentCheck = defineScenarioTemplate({
  id: 'safety-tt-residual-current',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  scenario: (random) => {
    const tripMa = pick(random, [10, 30, 50, 100, 300, 500]);
    const earthResistance = pick(random, [4, 10, 20, 30, 50, 100, 200]);
    const trip = tripMa / 1000;
    return {
      given: `TT系统中，设备外露可导电部分的接地电阻R_A = ${earthResistance} Ω，剩余电流动作保护器的额定剩余动作电流I_Δn = ${tripMa} mA，按R_A·I_Δn ≤ 50 V校验`,
      facts: [
        numericFact('允许的最大接地电阻', 50 / trip, [50 * trip, 50 / tripMa, 220 / trip, 25 / trip], 'Ω'),
        numericFact('I_Δn流过接地电阻时外露可导电部分的对地电压', trip * earthResistance, [earthResistance / trip, tripMa * earthResistance, (trip * earthResistance) / 2], 'V', { isUnitFixed: true, decimals: 2 }),
      ],
    };
  },
});

const touchVoltage = defineScenarioTemplate({
  id: 'safety-touch-voltage',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  scenario: (random) => {
    const fault = pick(random, [2, 5, 8, 10, 15, 20, 27.5, 50]);
    const resistance = pick(random, [0.5, 1, 2, 4, 8, 10]);
    return {
      given: `某设备发生单相碰壳故障，接地故障电流I_d = ${fault} A经保护接地电阻R = ${resistance} Ω流入大地`,
      facts: [
        numericFact('设备外壳的对地电压U_d', fault * resistance, [fault / resistance, resistance / fault, fault * resistance * 1000], 'V'),
        numericFact('接地电阻上消耗的功率P', fault * fault * resistance, [fault * resistance, fault * fault * resistance * 2, (fault * fault) / resistance], 'W'),
      ],
    };
  },
});

const earthElectrodes = defineScenarioTemplate({
  id: 'safety-earth-electrodes',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  scenario: (random) => {
    const count = pick(random, [2, 3, 4, 5, 6, 8, 10]);
    const single = pick(random, [20, 25, 30, 36, 40, 50, 60]);
    const utilisation = pick(random, [0.6, 0.65, 0.7, 0.75, 0.8, 0.85]);
    const total = single / (count * utilisation);
    const needed = Math.ceil(single / (4 * utilisation) - 1e-9);
    return {
      given: `接地装置由n = ${count}根相同的垂直接地体并联组成，单根接地电阻R1 = ${single} Ω，利用系数η = ${utilisation}（设不随根数变化）`,
      facts: [
        numericFact('接地装置的总接地电阻R', total, [single / count, (single * utilisation) / count, single / utilisation, single * count * utilisation], 'Ω'),
        numericFact('使总接地电阻不大于4 Ω所需的最少根数', needed, [Math.ceil(single / 4), needed - 1, needed + 1, needed + 2], '根', {
          decimals: 0,
          isUnitFixed: true,
          minimumGap: 1,
        }),
      ],
    };
  },
});

/** Templates of knowledge point 4.1 安全用电. */
export const ELECTRICAL_SAFETY_TEMPLATES: readonly TheoryTemplate[] = [
  ...lightingVoltageTemplates,
  safetyVoltageLevels,
  ...groundingTemplates,
  ...clearanceTemplates,
  residualCurrent,
  residualTime,
  ...bodyCurrentTemplates,
  compressionRate,
  compressionDepth,
  compressionRatio,
  ...signTemplates,
  earthingLeadOn,
  earthingLeadOff,
  technicalMeasures,
  organisationalMeasures,
  firstAction,
  releaseMethods,
  auxiliaryTools,
  basicTools,
  lockout,
  voltageTesting,
  protectiveConductor,
  bodyCurrent,
  residualCurrentCheck,
  touchVoltage,
  earthElectrodes,
];
