/**
 * Knowledge point 1.4 电子技术: rectifier output voltages (0.45U2, 0.9U2, 1.2U2), diode
 * currents and reverse voltages, transistor β and currents, Zener regulators, LED resistors.
 */
import type { RandomSource } from '../../assembly/random';
import {
  defineFactTemplate,
  defineScenarioTemplate,
  numericFact,
  pick,
  type Scenario,
  type TheoryTemplate,
} from '../theory-template';

const KNOWLEDGE_POINT = '1.4';
const SQRT2 = Math.SQRT2;

const rectifierVoltages = defineScenarioTemplate({
  id: 'electronics-rectifier-voltages',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const secondary = pick(random, [6, 9, 10, 12, 15, 18, 20, 24, 30, 36, 48, 100, 110, 220]);
    return {
      given: `单相整流电路中，电源变压器二次电压有效值U2 = ${secondary} V`,
      facts: [
        numericFact('单相半波整流的输出电压平均值U_O', 0.45 * secondary, [0.9 * secondary, secondary, 1.2 * secondary, SQRT2 * secondary], 'V'),
        numericFact('单相桥式整流（无滤波）的输出电压平均值U_O', 0.9 * secondary, [0.45 * secondary, secondary, 1.2 * secondary, SQRT2 * secondary], 'V'),
        numericFact('单相桥式整流电容滤波带负载时的输出电压（按1.2U2估算）', 1.2 * secondary, [0.9 * secondary, SQRT2 * secondary, 0.45 * secondary], 'V'),
        numericFact('单相桥式整流中每只二极管承受的最高反向电压U_RM', SQRT2 * secondary, [2 * SQRT2 * secondary, secondary, 0.9 * secondary, 0.45 * secondary], 'V'),
      ],
    };
  },
});

const rectifierCurrents = defineScenarioTemplate({
  id: 'electronics-rectifier-currents',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const output = pick(random, [9, 12, 18, 24, 27, 36, 45, 90]);
    const load = pick(random, [10, 20, 30, 45, 50, 60, 90, 100, 150, 200]);
    const current = output / load;
    const secondary = output / 0.9;
    return {
      given: `单相桥式整流电路（无滤波）输出电压平均值U_O = ${output} V，负载电阻R_L = ${load} Ω`,
      facts: [
        numericFact('负载电流平均值I_O', current, [current / 2, 0.9 * current, current * 1000], 'A'),
        numericFact('每只二极管的平均电流I_D', current / 2, [current, current / 4, 2 * current], 'A'),
        numericFact('变压器二次电压有效值U2', secondary, [output / 0.45, output * 0.9, output / 1.2, output], 'V'),
        numericFact('二极管承受的最高反向电压U_RM', SQRT2 * secondary, [secondary, 2 * SQRT2 * secondary, output], 'V'),
      ],
    };
  },
});

const transistorGain = defineScenarioTemplate({
  id: 'electronics-transistor-gain',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const baseUa = pick(random, [10, 15, 20, 25, 30, 40, 50, 60, 80]);
    const gain = pick(random, [30, 40, 50, 60, 80, 100, 120, 150]);
    const collectorMa = (gain * baseUa) / 1000;
    const raisedBaseUa = baseUa + pick(random, [5, 10, 20]);
    const base = baseUa * 1e-6;
    const collector = collectorMa * 1e-3;
    return {
      given: `某晶体管工作在放大区，测得基极电流I_B = ${baseUa} μA，集电极电流I_C = ${collectorMa} mA`,
      facts: [
        numericFact('电流放大系数β', gain, [gain / 1000, gain * 1000, gain + 1, baseUa / collectorMa], '', { decimals: 0 }),
        numericFact('发射极电流I_E', base + collector, [collector - base, base, collector * 2], 'A', { decimals: 3 }),
        numericFact(`基极电流增大到${raisedBaseUa} μA（仍在放大区）时的集电极电流I_C`, gain * raisedBaseUa * 1e-6, [collector, gain * (raisedBaseUa - baseUa) * 1e-6, raisedBaseUa * 1e-6], 'A'),
        numericFact('发射极电流与基极电流之比I_E/I_B', gain + 1, [gain - 1, gain / 2, 2 * gain], '', { decimals: 0 }),
      ],
    };
  },
});

function zenerScenario(random: RandomSource): Scenario {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const input = pick(random, [12, 15, 18, 20, 24]);
    const zener = pick(random, [5.1, 6.2, 6.8, 8.2, 9.1, 10, 12]);
    const series = pick(random, [100, 150, 200, 220, 270, 330, 390, 470]);
    const load = pick(random, [330, 470, 560, 680, 820, 1000, 1200, 2000]);
    if (input - zener < 3) continue;
    const seriesCurrent = (input - zener) / series;
    const loadCurrent = zener / load;
    const zenerCurrent = seriesCurrent - loadCurrent;
    if (zenerCurrent < 0.003 || zenerCurrent > 0.05) continue;
    return {
      given: `稳压管稳压电路中，输入电压U_I = ${input} V，限流电阻R = ${series} Ω，稳压管稳定电压U_Z = ${zener} V，负载电阻R_L = ${load} Ω`,
      facts: [
        numericFact('输出电压U_O', zener, [input, input - zener, input / 2], 'V'),
        numericFact('限流电阻中的电流I_R', seriesCurrent, [input / series, zener / series, (input + zener) / series], 'A'),
        numericFact('负载电流I_L', loadCurrent, [input / load, (input - zener) / load, loadCurrent * 1000], 'A'),
        numericFact('稳压管中的电流I_Z', zenerCurrent, [seriesCurrent + loadCurrent, seriesCurrent, loadCurrent], 'A'),
        numericFact('限流电阻消耗的功率P_R', ((input - zener) * (input - zener)) / series, [(input * input) / series, (zener * zener) / series], 'W'),
      ],
    };
  }
  throw new Error('template electronics-zener: no parameter set within 50 draws');
}

const zenerRegulator = defineScenarioTemplate({
  id: 'electronics-zener',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: zenerScenario,
});

const ledResistor = defineScenarioTemplate({
  id: 'electronics-led-resistor',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  scenario: (random) => {
    const supply = pick(random, [5, 6, 9, 12, 24]);
    const forward = pick(random, [1.8, 2, 2.2, 3, 3.2]);
    const currentMa = pick(random, [5, 10, 15, 20]);
    const current = currentMa / 1000;
    return {
      given: `用U = ${supply} V直流电源点亮一只发光二极管，其正向压降U_F = ${forward} V，工作电流I_F = ${currentMa} mA`,
      facts: [
        numericFact('应串联的限流电阻R', (supply - forward) / current, [supply / current, forward / current, (supply + forward) / current], 'Ω'),
        numericFact('限流电阻消耗的功率P', (supply - forward) * current, [supply * current, forward * current, (supply + forward) * current], 'W'),
      ],
    };
  },
});

const BIAS_OPTIONS = ['发射结正偏，集电结反偏', '发射结反偏，集电结正偏', '发射结和集电结均正偏', '发射结和集电结均反偏'];

function biasFact(id: string, situations: readonly string[], key: string): TheoryTemplate {
  return defineFactTemplate({
    id,
    knowledgePoint: KNOWLEDGE_POINT,
    difficulty: 2,
    situations,
    asks: ['其两个PN结的偏置状态为', '其偏置条件是'],
    trueOptions: [key],
    falseOptions: BIAS_OPTIONS.filter((option) => option !== key),
    statements: [(option) => `其偏置条件是${option}`],
  });
}

const siliconDrop = defineFactTemplate({
  id: 'electronics-silicon-drop',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['硅二极管正向导通时', '小功率硅二极管正常导通工作时'],
  asks: ['其正向压降约为'],
  trueOptions: ['0.6～0.7 V'],
  falseOptions: ['0.2～0.3 V', '1.5～2 V', '3～5 V', '0.01～0.05 V'],
  statements: [(option) => `其正向压降约为${option}`],
});

const germaniumDrop = defineFactTemplate({
  id: 'electronics-germanium-drop',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['锗二极管正向导通时', '小功率锗二极管正常导通工作时'],
  asks: ['其正向压降约为'],
  trueOptions: ['0.2～0.3 V'],
  falseOptions: ['0.6～0.7 V', '1.5～2 V', '3～5 V'],
  statements: [(option) => `其正向压降约为${option}`],
});

const zenerRegion = defineFactTemplate({
  id: 'electronics-zener-region',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['稳压二极管起稳压作用时', '稳压管在稳压电路中正常工作时'],
  asks: ['它工作在'],
  trueOptions: ['反向击穿区'],
  falseOptions: ['正向导通区', '反向截止区', '死区'],
  statements: [(option) => `它工作在${option}`],
});

const diodeProperties = defineFactTemplate({
  id: 'electronics-diode-properties',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['关于普通半导体二极管', '对普通整流二极管而言'],
  asks: ['下列说法正确的是'],
  negativeAsks: ['下列说法错误的是'],
  multipleAsks: ['下列说法正确的有'],
  trueOptions: ['具有单向导电性', '正向电压超过死区电压后才明显导通', '反向电压过高会发生反向击穿'],
  falseOptions: ['正向电阻很大，反向电阻很小', '加反向电压时电流随电压成正比增大', '硅管的死区电压约为0.05 V'],
  statements: [(option) => option],
});

/** Templates of knowledge point 1.4 电子技术. */
export const ELECTRONICS_TEMPLATES: readonly TheoryTemplate[] = [
  rectifierVoltages,
  rectifierCurrents,
  transistorGain,
  zenerRegulator,
  ledResistor,
  biasFact('electronics-bias-active', ['晶体管工作在放大区时', '要使晶体管起电流放大作用'], '发射结正偏，集电结反偏'),
  biasFact('electronics-bias-saturation', ['晶体管工作在饱和区时', '晶体管作开关使用并处于饱和导通状态时'], '发射结和集电结均正偏'),
  biasFact('electronics-bias-cutoff', ['晶体管工作在截止区时', '晶体管作开关使用并处于截止状态时'], '发射结和集电结均反偏'),
  siliconDrop,
  germaniumDrop,
  zenerRegion,
  diodeProperties,
];
