/**
 * Knowledge point 2.2 电动机: synchronous speed n₁ = 60f/p, slip, rotor frequency, rated current
 * I_N = P_N/(√3·U_N·cosφ·η), rated torque, star-delta starting, reversing and protection.
 */
import {
  defineFactTemplate,
  defineScenarioTemplate,
  numericFact,
  pick,
  textFact,
  type TheoryTemplate,
} from '../theory-template';

const KNOWLEDGE_POINT = '2.2';
const SQRT3 = Math.sqrt(3);

const synchronousSpeed = defineScenarioTemplate({
  id: 'motor-synchronous-speed',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const frequency = pick(random, [50, 60]);
    const pairs = pick(random, [1, 2, 3, 4, 5]);
    const synchronous = (60 * frequency) / pairs;
    const slipGuess = pick(random, [0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.06]);
    const speed = Math.round((synchronous * (1 - slipGuess)) / 5) * 5;
    const slip = (synchronous - speed) / synchronous;
    return {
      given: `一台三相异步电动机接在频率f = ${frequency} Hz的电源上，磁极对数p = ${pairs}，额定转速n = ${speed} r/min`,
      facts: [
        numericFact('同步转速n₁', synchronous, [(60 * frequency) / (2 * pairs), (120 * frequency) / pairs, 60 * frequency * pairs, frequency / pairs], 'r/min', { decimals: 0 }),
        numericFact('额定转差率s', slip * 100, [((synchronous - speed) / speed) * 100, (speed / synchronous) * 100, slip * 1000], '%', { decimals: 2 }),
        numericFact('额定运行时转子电流的频率f₂', slip * frequency, [frequency, frequency * (1 - slip), (slip * frequency) / pairs], 'Hz', { decimals: 2 }),
        numericFact('旋转磁场与转子的转速差Δn', synchronous - speed, [synchronous + speed, synchronous, speed / pairs], 'r/min', { decimals: 0 }),
      ],
    };
  },
});

const polesFromSpeed = defineScenarioTemplate({
  id: 'motor-poles-from-speed',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  scenario: (random) => {
    const speed = pick(random, [2880, 2910, 2940, 2960, 1420, 1440, 1450, 1460, 1470, 960, 970, 980, 720, 730, 740, 580, 585]);
    const synchronous = [3000, 1500, 1000, 750, 600].find((value) => value > speed && value - speed < value * 0.1) ?? 3000;
    const pairs = 3000 / synchronous;
    const slip = (synchronous - speed) / synchronous;
    return {
      given: `某三相异步电动机的额定频率为50 Hz，额定转速n_N = ${speed} r/min`,
      facts: [
        numericFact('磁极对数p', pairs, [2 * pairs, pairs + 1, pairs + 2, pairs - 1], '', { decimals: 0 }),
        numericFact('同步转速n₁', synchronous, [speed, synchronous * 2, synchronous / 2], 'r/min', { decimals: 0 }),
        numericFact('额定转差率s_N', slip * 100, [((synchronous - speed) / speed) * 100, slip * 1000, (speed / synchronous) * 100], '%', { decimals: 2 }),
      ],
    };
  },
});

const ratedCurrent = defineScenarioTemplate({
  id: 'motor-rated-current',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const powerKw = pick(random, [1.1, 1.5, 2.2, 3, 4, 5.5, 7.5, 11, 15, 18.5, 22, 30, 37, 45, 55]);
    const factor = pick(random, [0.8, 0.82, 0.84, 0.85, 0.86, 0.87, 0.88, 0.89]);
    const efficiency = pick(random, [0.82, 0.84, 0.85, 0.86, 0.87, 0.88, 0.9, 0.91, 0.92, 0.93]);
    const speed = pick(random, [1440, 1450, 1460, 970, 980, 2900, 2930]);
    const voltage = 380;
    const power = powerKw * 1000;
    const current = power / (SQRT3 * voltage * factor * efficiency);
    const input = power / efficiency;
    return {
      given: `一台三相异步电动机的额定数据为：P_N = ${powerKw} kW，U_N = ${voltage} V，cosφ_N = ${factor}，η_N = ${efficiency}，n_N = ${speed} r/min`,
      facts: [
        numericFact('额定电流I_N', current, [power / (SQRT3 * voltage * factor), power / (voltage * factor * efficiency), power / (3 * voltage * factor * efficiency), power / (SQRT3 * voltage * efficiency)], 'A'),
        numericFact('额定输入功率P1', input, [power * efficiency, power / factor, power / (efficiency * factor)], 'W'),
        numericFact('额定运行时的总损耗ΣP', input - power, [power * (1 - efficiency) * efficiency, input, power * (1 - factor)], 'W'),
        numericFact('额定转矩T_N', (9550 * powerKw) / speed, [(9.55 * powerKw) / speed, (9550 * powerKw) / (speed / 60), (9550 * powerKw) / 3000], 'N·m', { isUnitFixed: true }),
      ],
    };
  },
});

const starDeltaStarting = defineScenarioTemplate({
  id: 'motor-star-delta',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const rated = pick(random, [8.8, 11.6, 15.4, 22.6, 30, 40, 57, 70, 84]);
    const multiple = pick(random, [5, 5.5, 6, 6.5, 7]);
    const direct = rated * multiple;
    return {
      given: `一台额定电压380 V、三角形连接的三相异步电动机，额定电流I_N = ${rated} A，直接起动电流为额定电流的${multiple}倍，现采用星形-三角形降压起动`,
      facts: [
        numericFact('直接起动时的起动电流I_st', direct, [rated, direct / 3, direct * SQRT3], 'A'),
        numericFact('星形起动时电源供给的起动电流I_stY', direct / 3, [direct / SQRT3, direct, direct / 9], 'A'),
        numericFact('星形起动时每相绕组承受的电压', 380 / SQRT3, [380, 380 / 3, 380 * SQRT3], 'V'),
        textFact('星形起动转矩与三角形直接起动转矩之比', '1/3', ['1/√3', '1/2', '√3', '3']),
      ],
    };
  },
});

const ratedTorque = defineScenarioTemplate({
  id: 'motor-rated-torque',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  scenario: (random) => {
    const powerKw = pick(random, [2.2, 3, 4, 5.5, 7.5, 11, 15, 18.5, 22, 30, 37, 45]);
    const speed = pick(random, [2900, 2930, 1440, 1460, 1470, 960, 970, 730]);
    return {
      given: `某三相异步电动机额定功率P_N = ${powerKw} kW，额定转速n_N = ${speed} r/min`,
      facts: [
        numericFact('额定转矩T_N', (9550 * powerKw) / speed, [(9.55 * powerKw) / speed, (9550 * speed) / (powerKw * 1000), (9550 * powerKw) / (speed / 60), (1000 * powerKw) / speed], 'N·m', { isUnitFixed: true }),
      ],
    };
  },
});

const reversing = defineFactTemplate({
  id: 'motor-reversing',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['要改变三相异步电动机的旋转方向', '在正反转控制电路中使三相异步电动机反转'],
  asks: ['应采取的方法是', '只需'],
  trueOptions: ['任意对调两根电源相线'],
  falseOptions: ['依次轮换三根电源相线的位置', '改变电源频率', '降低电源电压', '对调中性线与一根相线'],
  statements: [(option) => `可以采用${option}的方法`],
});

const starDeltaApplicable = defineFactTemplate({
  id: 'motor-star-delta-applicable',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['星形-三角形降压起动', 'Y-Δ降压起动方法'],
  asks: ['适用于'],
  trueOptions: ['正常运行时定子绕组为三角形连接的笼型电动机'],
  falseOptions: ['正常运行时定子绕组为星形连接的电动机', '绕线转子异步电动机的转子回路', '任何连接方式的电动机'],
  statements: [(option) => `适用于${option}`],
});

const protection = defineFactTemplate({
  id: 'motor-protection',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['在三相异步电动机的继电-接触器控制电路中', '在电动机单向连续运行控制电路中'],
  asks: ['下列说法正确的是'],
  negativeAsks: ['下列说法错误的是'],
  multipleAsks: ['下列说法正确的有'],
  trueOptions: ['熔断器用作短路保护', '热继电器用作过载保护', '接触器自锁控制具有欠压和失压保护作用'],
  falseOptions: ['热继电器用作短路保护', '熔断器可以代替热继电器作电动机的过载保护', '中间继电器用作过载保护'],
  statements: [(option) => option],
});

const startingMethods = defineFactTemplate({
  id: 'motor-starting-methods',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['对于三相笼型异步电动机', '容量较大的三相笼型电动机不允许直接起动时'],
  asks: ['可采用的降压起动方法是'],
  negativeAsks: ['不属于笼型电动机降压起动方法的是'],
  multipleAsks: ['可采用的降压起动方法有'],
  trueOptions: ['星形-三角形降压起动', '自耦变压器降压起动', '定子绕组串电阻降压起动', '软起动器起动'],
  falseOptions: ['转子回路串电阻起动', '转子回路串频敏变阻器起动', '改变磁极对数起动'],
  statements: [(option) => `可采用${option}`],
});

/** Templates of knowledge point 2.2 电动机. */
export const MOTOR_TEMPLATES: readonly TheoryTemplate[] = [
  synchronousSpeed,
  polesFromSpeed,
  ratedCurrent,
  starDeltaStarting,
  ratedTorque,
  reversing,
  starDeltaApplicable,
  protection,
  startingMethods,
];
