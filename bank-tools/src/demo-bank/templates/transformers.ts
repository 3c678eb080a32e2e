/**
 * Knowledge point 2.1 变压器: turns ratio and winding currents, rated currents of single- and
 * three-phase transformers, losses and efficiency, instrument transformers.
 */
import type { RandomSource } from '../../assembly/random';
import {
  defineFactTemplate,
  defineScenarioTemplate,
  numericFact,
  pick,
  type TheoryTemplate,
} from '../theory-template';

const KNOWLEDGE_POINT = '2.1';
const SQRT3 = Math.sqrt(3);

function greatestCommonDivisor(left: number, right: number): number {
  return right === 0 ? left : greatestCommonDivisor(right, left % right);
}

/** Primary turns N1 in 200..3000 such that N2 = N1·U2/U1 is a whole number. */
function pickPrimaryTurns(random: RandomSource, primary: number, secondary: number): number {
  const divisor = greatestCommonDivisor(primary, secondary);
  const step = primary / divisor;
  const multiples: number[] = [];
  for (let multiple = 1; multiple * step <= 3000; multiple += 1) {
    if (multiple * step >= 200) multiples.push(multiple * step);
  }
  if (multiples.length === 0) throw new Error(`template transformer-turns: no whole-number turns for ${primary}/${secondary} V`);
  return pick(random, multiples);
}

const turnsRatio = defineScenarioTemplate({
  id: 'transformer-turns',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const [primary, secondary] = pick(random, [
      [220, 36],
      [220, 24],
      [220, 12],
      [380, 36],
      [380, 220],
      [220, 110],
      [380, 24],
      [380, 110],
      [220, 6],
    ] as const);
    const primaryTurns = pickPrimaryTurns(random, primary, secondary);
    const secondaryCurrent = pick(random, [1, 2, 2.5, 3, 4, 5, 6, 8, 10]);
    const ratio = primary / secondary;
    return {
      given: `一台单相变压器一次电压U1 = ${primary} V，二次电压U2 = ${secondary} V，一次绕组N1 = ${primaryTurns}匝，二次侧负载电流I2 = ${secondaryCurrent} A`,
      facts: [
        numericFact('变压比k', ratio, [1 / ratio, ratio * SQRT3, ratio / 2], '', { decimals: 2 }),
        numericFact('二次绕组匝数N2', primaryTurns / ratio, [primaryTurns * ratio, primaryTurns - primaryTurns / ratio, primaryTurns / ratio / 2], '匝', { decimals: 0, isUnitFixed: true }),
        numericFact('一次侧电流I1（忽略损耗和空载电流）', secondaryCurrent / ratio, [secondaryCurrent * ratio, secondaryCurrent, secondaryCurrent / ratio / SQRT3], 'A'),
        numericFact('二次侧输出的视在功率S2', secondary * secondaryCurrent, [primary * secondaryCurrent, SQRT3 * secondary * secondaryCurrent, (secondary * secondaryCurrent) / ratio], 'VA'),
      ],
    };
  },
});

const threePhaseRatedCurrents = defineScenarioTemplate({
  id: 'transformer-three-phase-currents',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const ratingKva = pick(random, [50, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600]);
    const [primaryKv, secondaryKv] = pick(random, [
      [10, 0.4],
      [6, 0.4],
      [10.5, 0.4],
      [6.3, 0.4],
      [35, 10.5],
      [35, 0.4],
    ] as const);
    const rating = ratingKva * 1000;
    const primary = primaryKv * 1000;
    const secondary = secondaryKv * 1000;
    const primaryCurrent = rating / (SQRT3 * primary);
    const secondaryCurrent = rating / (SQRT3 * secondary);
    return {
      given: `一台三相电力变压器额定容量S_N = ${ratingKva} kVA，额定电压U1N/U2N = ${primaryKv}/${secondaryKv} kV`,
      facts: [
        numericFact('一次侧额定电流I1N', primaryCurrent, [rating / primary, rating / (3 * primary), secondaryCurrent], 'A'),
        numericFact('二次侧额定电流I2N', secondaryCurrent, [rating / secondary, rating / (3 * secondary), primaryCurrent], 'A'),
        numericFact('额定电压比k', primary / secondary, [secondary / primary, (primary / secondary) * SQRT3, primary / secondary / SQRT3], '', { decimals: 2 }),
        numericFact('二次绕组星形连接时的额定相电压', secondary / SQRT3, [secondary, secondary * SQRT3, secondary / 3], 'V'),
      ],
    };
  },
});

const singlePhaseRatedCurrents = defineScenarioTemplate({
  id: 'transformer-single-phase-currents',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  scenario: (random) => {
    const ratingKva = pick(random, [0.5, 1, 1.5, 2, 3, 5, 10, 20, 50]);
    const [primary, secondary] = pick(random, [
      [220, 36],
      [220, 110],
      [380, 220],
      [380, 36],
      [220, 24],
      [380, 127],
    ] as const);
    const rating = ratingKva * 1000;
    return {
      given: `一台单相变压器额定容量S_N = ${ratingKva} kVA，额定电压U1N/U2N = ${primary}/${secondary} V`,
      facts: [
        numericFact('一次侧额定电流I1N', rating / primary, [rating / (SQRT3 * primary), rating / secondary, (rating / primary) * SQRT3], 'A'),
        numericFact('二次侧额定电流I2N', rating / secondary, [rating / (SQRT3 * secondary), rating / primary, (rating / secondary) * SQRT3], 'A'),
      ],
    };
  },
});

const efficiency = defineScenarioTemplate({
  id: 'transformer-efficiency',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const outputKw = pick(random, [50, 80, 100, 160, 200, 315, 400, 500, 630, 800]);
    const ironKw = Math.round(outputKw * pick(random, [0.002, 0.003, 0.004, 0.005]) * 100) / 100;
    const copperKw = Math.round(outputKw * pick(random, [0.01, 0.012, 0.015, 0.018, 0.02]) * 100) / 100;
    const output = outputKw * 1000;
    const iron = ironKw * 1000;
    const copper = copperKw * 1000;
    const losses = iron + copper;
    const input = output + losses;
    const percent = (output / input) * 100;
    return {
      given: `一台变压器输出有功功率P2 = ${outputKw} kW时，铁损P_Fe = ${ironKw} kW，铜损P_Cu = ${copperKw} kW`,
      facts: [
        numericFact('总损耗ΣP', losses, [iron, copper, copper - iron], 'W'),
        numericFact('输入功率P1', input, [output - losses, output + copper, output + iron], 'W', { minimumGap: losses / 3 }),
        numericFact('效率η', percent, [(output / (output + iron)) * 100, (output / (output + copper)) * 100, (output / (output + 2 * losses)) * 100, (1 - losses / output) * 100, percent - 1], '%', {
          decimals: 2,
          minimumGap: 0.1,
        }),
        numericFact('负载减为一半（负载系数β = 0.5）时的铜损', copper / 4, [copper / 2, copper, copper * 2], 'W'),
      ],
    };
  },
});

const instrumentTransformers = defineFactTemplate({
  id: 'transformer-instrument',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['运行中的电流互感器和电压互感器', '使用互感器扩大交流仪表量程时', '在电能计量回路中使用互感器时'],
  asks: ['下列说法正确的是'],
  negativeAsks: ['下列说法错误的是'],
  multipleAsks: ['下列说法正确的有'],
  trueOptions: ['电流互感器二次侧不允许开路', '电压互感器二次侧不允许短路', '互感器二次绕组应有一点可靠接地'],
  falseOptions: ['电流互感器二次侧应装设熔断器', '电压互感器二次侧可以短路运行', '电流互感器二次侧开路时仍可长期运行'],
  statements: [(option) => option],
});

const transformerFunctions = defineFactTemplate({
  id: 'transformer-functions',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['', '变压器利用电磁感应原理工作', '在电子线路和供配电系统中使用变压器时'],
  asks: ['变压器能够变换的是'],
  negativeAsks: ['变压器不能变换的是'],
  multipleAsks: ['变压器能够变换的有'],
  trueOptions: ['交流电压', '交流电流', '阻抗'],
  falseOptions: ['频率', '直流电压', '直流电流'],
  statements: [(option) => `变压器能够变换${option}`],
});

const transformerOil = defineFactTemplate({
  id: 'transformer-oil',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['油浸式电力变压器中', '对于变压器油箱内的变压器油'],
  asks: ['变压器油的主要作用之一是'],
  multipleAsks: ['变压器油的主要作用有'],
  trueOptions: ['绝缘', '散热'],
  falseOptions: ['润滑', '导电', '增强铁心磁通', '降低铁心损耗'],
  statements: [(option) => `变压器油的主要作用之一是${option}`],
});

const noLoadLoss = defineFactTemplate({
  id: 'transformer-no-load-loss',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['做变压器空载试验时', '变压器空载运行时'],
  asks: ['其损耗主要是'],
  trueOptions: ['铁损（铁心损耗）'],
  falseOptions: ['铜损（绕组损耗）', '机械损耗', '负载损耗'],
  statements: [(option) => `其损耗主要是${option}`],
});

const shortCircuitLoss = defineFactTemplate({
  id: 'transformer-short-circuit-loss',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['做变压器短路试验时', '变压器短路试验中绕组通过额定电流时'],
  asks: ['测得的损耗主要是'],
  trueOptions: ['铜损（绕组损耗）'],
  falseOptions: ['铁损（铁心损耗）', '机械损耗', '涡流损耗'],
  statements: [(option) => `测得的损耗主要是${option}`],
});

/** Templates of knowledge point 2.1 变压器. */
export const TRANSFORMER_TEMPLATES: readonly TheoryTemplate[] = [
  turnsRatio,
  threePhaseRatedCurrents,
  singlePhaseRatedCurrents,
  efficiency,
  instrumentTransformers,
  transformerFunctions,
  transformerOil,
  noLoadLoss,
  shortCircuitLoss,
];
