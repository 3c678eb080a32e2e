/**
 * Knowledge point 4.2 电气防火: extinguishers for live equipment, causes and prevention of
 * electrical fires, cutting the supply, distances for live fire fighting, fuse selection for
 * motors, overload of conductors and heating of poor joints.
 */
import type { RandomSource } from '../../assembly/random';
import {
  arrangeOptions,
  BLANK,
  defineCustomTemplate,
  defineFactTemplate,
  defineScenarioTemplate,
  judgeDraft,
  numericFact,
  pick,
  pickSome,
  type TheoryTemplate,
} from '../theory-template';
import { DEMO_AMPACITY_TABLE } from './conductors';

const KNOWLEDGE_POINT = '4.2';

const LIVE_FIRE_SITUATIONS = [
  '配电室低压开关柜着火且一时无法切断电源时',
  '带电的电缆桥架起火时',
  '运行中的控制柜内元件起火且无法立即断电时',
  '电动机着火且一时无法切断电源时',
  '带电的变频器柜冒烟起火时',
  '照明配电箱内导线起火且电源未切断时',
];

const liveExtinguishers = defineFactTemplate({
  id: 'fire-live-extinguishers',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: LIVE_FIRE_SITUATIONS,
  asks: ['可选用的灭火器是', '应使用的灭火器材是'],
  negativeAsks: ['不能使用的灭火器是'],
  multipleAsks: ['可以选用的灭火器有', '适用于带电灭火的灭火器有'],
  trueOptions: ['二氧化碳灭火器', '干粉灭火器', '七氟丙烷灭火器'],
  falseOptions: ['泡沫灭火器', '清水灭火器', '酸碱灭火器'],
  statements: [(option) => `可以使用${option}扑救`],
});

const fireCauses = defineFactTemplate({
  id: 'fire-causes',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['', '分析车间电气火灾事故时', '对配电线路进行防火检查时'],
  asks: ['属于引起电气火灾常见原因的是'],
  negativeAsks: ['不属于引起电气火灾常见原因的是'],
  multipleAsks: ['引起电气火灾的常见原因有'],
  trueOptions: ['短路', '过载', '接触电阻过大（接触不良）', '电火花和电弧', '散热不良'],
  falseOptions: ['导线载流量留有充足裕量', '电气设备定期检修维护', '装设合格的剩余电流动作保护器'],
  statements: [(option) => `${option}是引起电气火灾的常见原因之一`],
});

const firePrevention = defineFactTemplate({
  id: 'fire-prevention',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['', '为预防电气火灾', '在车间配电线路的日常管理中'],
  asks: ['下列做法正确的是'],
  negativeAsks: ['下列做法错误的是'],
  multipleAsks: ['下列做法正确的有'],
  trueOptions: ['按负载电流正确选择导线截面', '定期检查接头并紧固', '按规定装设过载和短路保护', '保持电气设备通风散热良好'],
  falseOptions: ['用铜丝代替熔丝', '在配电箱内堆放杂物', '多个大功率电器接在同一个移动插座上'],
  statements: [(option) => `${option}是正确的做法`],
});

const cuttingSupply = defineFactTemplate({
  id: 'fire-cutting-supply',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['电气火灾发生后切断电源时', '为扑救电气火灾需要断电时'],
  asks: ['下列做法正确的是'],
  negativeAsks: ['下列做法错误的是'],
  multipleAsks: ['正确的做法有'],
  trueOptions: ['不同相的导线在不同部位剪断', '使用绝缘工具操作', '选择适当的断电地点，防止影响灭火和照明'],
  falseOptions: ['用普通剪刀一次剪断多根带电导线', '先用水浇灭再断电', '带负荷拉开隔离开关'],
  statements: [(option) => `${option}是正确的做法`],
});

const firstStep = defineFactTemplate({
  id: 'fire-first-step',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['电气设备发生火灾时', '发现配电箱内导线冒烟起火时'],
  asks: ['首先应'],
  trueOptions: ['设法切断电源'],
  falseOptions: ['用水扑救', '打开门窗通风', '继续观察火势发展'],
  statements: [(option) => `首先应${option}`],
});

const liveDistance = defineCustomTemplate({
  id: 'fire-live-distance',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge'],
  build: ({ type, random, isTrue }) => {
    const { voltage, key } = pick(random, [
      { voltage: '10 kV', key: '0.4 m' },
      { voltage: '35 kV', key: '0.6 m' },
    ]);
    const values = ['0.1 m', '0.2 m', '0.4 m', '0.6 m', '1.0 m'].filter((value) => value !== key);
    const situation = pick(random, [
      `用二氧化碳等不导电灭火剂对${voltage}带电设备灭火时`,
      `使用不导电灭火器扑救${voltage}带电设备火灾时`,
    ]);
    if (type === 'judge') {
      return { ...judgeDraft(`${situation}，灭火器机体、喷嘴至带电体的最小距离为${isTrue ? key : pick(random, values)}`, isTrue), signatures: [`fire-live-distance|${type}|${situation}`] };
    }
    const stem = `${situation}，${pick(random, ['灭火器机体、喷嘴至带电体的距离不应小于', '机体和喷嘴与带电体之间的最小距离为'])}${BLANK}。`;
    return { stem, ...arrangeOptions(random, [key], pickSome(random, values, 3)), signatures: [`fire-live-distance|${type}|${situation}`] };
  },
});

const FUSE_RATINGS = [2, 4, 6, 10, 16, 20, 25, 32, 40, 50, 63, 80, 100, 125, 160, 200, 250];

/** A motor feeder and its fuse range (A): single motor (1.5~2.5)·I_N, several (1.5~2.5)·I_Nmax + ΣI_N. */
function drawFeeder(random: RandomSource): { text: string; low: number; high: number } {
  if (random() < 0.6) {
    const rated = pick(random, [4.9, 6.8, 8.8, 11.6, 15.4, 22.6, 30, 40, 57]);
    return {
      text: `一台三相异步电动机额定电流I_N = ${rated} A，熔体额定电流按（1.5～2.5）I_N选择`,
      low: 1.5 * rated,
      high: 2.5 * rated,
    };
  }
  const largest = pick(random, [11.6, 15.4, 22.6, 30]);
  const others = pick(random, [6.8, 8.8, 11.6]) + pick(random, [4.9, 6.8, 8.8]);
  return {
    text: `一条线路给几台电动机供电，其中最大一台的额定电流I_Nmax = ${largest} A，其余电动机额定电流之和ΣI_N = ${Math.round(others * 10) / 10} A，熔体额定电流按（1.5～2.5）I_Nmax + ΣI_N选择`,
    low: 1.5 * largest + others,
    high: 2.5 * largest + others,
  };
}

const fuseSelection = defineCustomTemplate({
  id: 'fire-fuse-selection',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  build: ({ type, random, isTrue }) => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const feeder = drawFeeder(random);
      const inside = FUSE_RATINGS.filter((rating) => rating >= feeder.low && rating <= feeder.high);
      const outside = FUSE_RATINGS.filter((rating) => rating < feeder.low || rating > feeder.high)
        .sort((left, right) => Math.min(Math.abs(left - feeder.low), Math.abs(left - feeder.high)) - Math.min(Math.abs(right - feeder.low), Math.abs(right - feeder.high)));
      const text = (rating: number) => `${rating} A`;
      if (inside.length === 0) continue;
      if (type === 'single') {
        const stem = `${feeder.text}，下列熔体规格中符合要求的是${BLANK}。`;
        return { stem, ...arrangeOptions(random, [text(pick(random, inside))], outside.slice(0, 3).map(text)), signatures: [`fire-fuse-selection|${feeder.text}`] };
      }
      if (type === 'judge') {
        const rating = isTrue ? pick(random, inside) : pick(random, outside.slice(0, 3));
        return { ...judgeDraft(`${feeder.text}，选用${text(rating)}的熔体符合要求`, isTrue), signatures: [`fire-fuse-selection|${feeder.text}`] };
      }
      if (inside.length < 2) continue;
      const keyed = inside.slice(0, 4);
      const optionCount = Math.max(keyed.length + 1, pick(random, [4, 5]));
      const others = outside.slice(0, optionCount - keyed.length);
      const stem = `${feeder.text}，下列熔体规格中符合要求的有${BLANK}。`;
      return { stem, ...arrangeOptions(random, keyed.map(text), others.map(text)), signatures: [`fire-fuse-selection|${feeder.text}`] };
    }
    throw new Error('template fire-fuse-selection: no usable feeder within 50 draws');
  },
});

const overloadCheck = defineCustomTemplate({
  id: 'fire-overload-check',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge'],
  build: ({ type, random, isTrue }) => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const [section, ampacity] = pick(random, DEMO_AMPACITY_TABLE.slice(0, 6));
      const count = pick(random, [2, 3, 4, 5, 6]);
      const powerKw = pick(random, [0.5, 0.8, 1, 1.2, 1.5, 2, 2.5, 3]);
      const current = (count * powerKw * 1000) / 220;
      if (Math.abs(current - ampacity) < ampacity * 0.08) continue;
      const isOverloaded = current > ampacity;
      const given = `某单相220 V回路采用${section} mm²铜芯导线（允许载流量${ampacity} A），同时接有${count}台${powerKw} kW的电热设备`;
      if (type === 'judge') {
        if (isOverloaded !== isTrue) continue;
        return { ...judgeDraft(`${given}，该回路计算电流超过导线允许载流量，存在过载发热引起火灾的危险`, isTrue), signatures: [`fire-overload-check|${given}`] };
      }
      const fact = numericFact('该回路的计算电流', current, [current / count, (count * powerKw * 1000) / 380, current * 1.732], 'A');
      const stem = `${given}，${fact.ask}为${BLANK}。`;
      return { stem, ...arrangeOptions(random, [fact.key], fact.distractors.slice(0, 3)), signatures: [`fire-overload-check|${given}`] };
    }
    throw new Error('template fire-overload-check: no usable circuit within 50 draws');
  },
});

const jointHeating = defineScenarioTemplate({
  id: 'fire-joint-heating',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  scenario: (random) => {
    const resistanceMilliohm = pick(random, [0.5, 1, 2, 5, 10, 20]);
    const current = pick(random, [20, 30, 40, 50, 60, 80, 100, 150, 200]);
    const resistance = resistanceMilliohm / 1000;
    const power = current * current * resistance;
    return {
      given: `某导线接头因接触不良，接触电阻R = ${resistanceMilliohm} mΩ，通过的电流I = ${current} A`,
      facts: [
        numericFact('接头的发热功率P', power, [current * resistance, power * 1000, power / 1000, 2 * power], 'W'),
        numericFact('1 h内接头产生的热量Q', power * 3600, [power * 60, power, power * 3600 * 1000], 'J'),
      ],
    };
  },
});

/** Templates of knowledge point 4.2 电气防火. */
export const FIRE_PREVENTION_TEMPLATES: readonly TheoryTemplate[] = [
  liveExtinguishers,
  fireCauses,
  firePrevention,
  cuttingSupply,
  firstStep,
  liveDistance,
  fuseSelection,
  overloadCheck,
  jointHeating,
];
