/**
 * Knowledge point 1.2 交流电路: peak and RMS values, frequency and period, reactances
 * X_L = 2πfL and X_C = 1/(2πfC), impedance, power factor, active/reactive/apparent power.
 */
import {
  defineFactTemplate,
  defineScenarioTemplate,
  numericFact,
  pick,
  type TheoryTemplate,
} from '../theory-template';

const KNOWLEDGE_POINT = '1.2';
const SQRT2 = Math.SQRT2;
const SQRT3 = Math.sqrt(3);
const TWO_PI = 2 * Math.PI;

/** An angle in degrees brought into (-180°, 180°]. */
function wrapDegrees(degrees: number): number {
  const wrapped = ((((degrees + 180) % 360) + 360) % 360) - 180;
  return wrapped === -180 ? 180 : wrapped;
}

const sinusoid = defineScenarioTemplate({
  id: 'ac-sinusoid',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const isVoltage = random() < 0.6;
    const rms = isVoltage ? pick(random, [10, 12, 24, 36, 100, 110, 220, 380]) : pick(random, [1, 2, 5, 10, 20]);
    const peak = Math.round(rms * SQRT2 * 100) / 100;
    const peakText = peak >= 100 ? String(Math.round(peak)) : peak >= 10 ? String(Math.round(peak * 10) / 10) : String(peak);
    const shownPeak = Number(peakText);
    const frequency = pick(random, [50, 60, 100]);
    const angular = Math.round(TWO_PI * frequency);
    const phase = pick(random, [-90, -60, -45, -30, 0, 30, 45, 60, 90, 120]);
    const phaseText = phase === 0 ? '' : phase > 0 ? ` + ${phase}°` : ` - ${-phase}°`;
    const symbol = isVoltage ? 'u' : 'i';
    const unit = isVoltage ? 'V' : 'A';
    const name = isVoltage ? '电压' : '电流';
    const computedFrequency = angular / TWO_PI;
    return {
      given: `已知正弦交流${name}${symbol} = ${peakText}sin(${angular}t${phaseText}) ${unit}`,
      facts: [
        numericFact(`该${name}的有效值`, shownPeak / SQRT2, [shownPeak, shownPeak / 2, shownPeak * SQRT2, shownPeak / SQRT3], unit, {
          isUnitFixed: true,
          decimals: rms >= 100 ? 0 : rms >= 10 ? 1 : 2,
        }),
        numericFact('频率f', computedFrequency, [angular, angular / Math.PI, computedFrequency / 2, computedFrequency * 4], 'Hz', { decimals: 0 }),
        numericFact('周期T', 1 / computedFrequency, [1 / angular, 0.5 / computedFrequency, 2 / computedFrequency, computedFrequency / 1000], 's'),
        numericFact('初相位φ', phase, [-phase, phase + 90, phase - 90, 90 - phase, phase + 180].map(wrapDegrees), '°', { isSignAllowed: true, decimals: 0, minimumGap: 1 }),
      ],
    };
  },
});

const rmsToPeak = defineScenarioTemplate({
  id: 'ac-rms-to-peak',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  scenario: (random) => {
    const rms = pick(random, [6, 12, 24, 36, 42, 48, 100, 110, 127, 220, 380, 400, 660, 1000]);
    const given = pick(random, [
      `用交流电压表测得某正弦交流电压为${rms} V`,
      `某正弦交流电压的有效值U = ${rms} V`,
      `铭牌标注额定电压为${rms} V的正弦交流电源`,
    ]);
    return {
      given,
      facts: [numericFact('该电压的最大值Um', rms * SQRT2, [rms, rms / SQRT2, rms * SQRT3, rms * 2], 'V')],
    };
  },
});

const peakToRms = defineScenarioTemplate({
  id: 'ac-peak-to-rms',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  scenario: (random) => {
    const peak = pick(random, [1, 1.5, 2, 3, 5, 7.07, 10, 14.1, 20, 28.3, 50, 70.7, 141]);
    const given = pick(random, [`某正弦交流电流的最大值Im = ${peak} A`, `用示波器测得某正弦交流电流的幅值为${peak} A`]);
    return {
      given,
      facts: [numericFact('该电流的有效值I', peak / SQRT2, [peak, peak * SQRT2, peak / 2, peak / SQRT3], 'A')],
    };
  },
});

const frequencyPeriod = defineScenarioTemplate({
  id: 'ac-frequency-period',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  scenario: (random) => {
    if (random() < 0.5) {
      const frequency = pick(random, [25, 40, 50, 60, 100, 150, 200, 400, 500, 1000]);
      return {
        given: `某正弦交流电的频率f = ${frequency} Hz`,
        facts: [
          numericFact('周期T', 1 / frequency, [frequency / 1000, 2 / frequency, 1 / (TWO_PI * frequency), 0.5 / frequency], 's'),
          numericFact('角频率ω', TWO_PI * frequency, [Math.PI * frequency, frequency, 360 * frequency, TWO_PI * frequency * 60], 'rad/s', { decimals: 0 }),
        ],
      };
    }
    const periodMs = pick(random, [1, 2, 2.5, 5, 10, 16.7, 20, 40]);
    const frequency = 1000 / periodMs;
    return {
      given: `某正弦交流电的周期T = ${periodMs} ms`,
      facts: [
        numericFact('频率f', frequency, [1 / periodMs, periodMs, frequency / 2, TWO_PI * frequency], 'Hz'),
        numericFact('角频率ω', TWO_PI * frequency, [frequency, Math.PI * frequency, TWO_PI / periodMs], 'rad/s', { decimals: 0 }),
      ],
    };
  },
});

const inductiveReactance = defineScenarioTemplate({
  id: 'ac-inductive-reactance',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const inductanceMh = pick(random, [10, 20, 25, 31.8, 50, 63.7, 100, 127, 159, 200, 255, 318, 500]);
    const frequency = pick(random, [50, 60, 100]);
    const voltage = pick(random, [12, 24, 36, 110, 220]);
    const henry = inductanceMh / 1000;
    const reactance = TWO_PI * frequency * henry;
    const current = voltage / reactance;
    return {
      given: `电感L = ${inductanceMh} mH的线圈（电阻忽略不计）接在U = ${voltage} V、f = ${frequency} Hz的正弦交流电源上`,
      facts: [
        numericFact('感抗X_L', reactance, [frequency * henry, Math.PI * frequency * henry, reactance * 1000, 1 / reactance], 'Ω'),
        numericFact('电路中的电流I', current, [voltage / (frequency * henry), current / 1000, current * SQRT2, voltage * reactance], 'A'),
        numericFact('无功功率Q_L', voltage * current, [voltage * current * SQRT2, (voltage * current) / 2, current * reactance], 'var'),
        numericFact('电源频率升高一倍时的感抗', 2 * reactance, [reactance, reactance / 2, 4 * reactance], 'Ω'),
      ],
    };
  },
});

const capacitiveReactance = defineScenarioTemplate({
  id: 'ac-capacitive-reactance',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const capacitanceUf = pick(random, [1, 2, 4.7, 5, 10, 20, 22, 31.8, 47, 50, 100]);
    const frequency = pick(random, [50, 60, 100]);
    const voltage = pick(random, [12, 24, 36, 110, 220]);
    const farad = capacitanceUf * 1e-6;
    const reactance = 1 / (TWO_PI * frequency * farad);
    const current = voltage / reactance;
    return {
      given: `电容C = ${capacitanceUf} μF的电容器接在U = ${voltage} V、f = ${frequency} Hz的正弦交流电源上`,
      facts: [
        numericFact('容抗X_C', reactance, [1 / (frequency * farad), reactance / 1000, reactance * 1000, 1 / (Math.PI * frequency * farad)], 'Ω'),
        numericFact('电路中的电流I', current, [current / TWO_PI, current * 1000, current * SQRT2, current / 1000], 'A'),
        numericFact('无功功率Q_C', voltage * current, [voltage * current * SQRT2, (voltage * current) / 2, (voltage * current) / TWO_PI], 'var'),
        numericFact('电源频率升高一倍时的容抗', reactance / 2, [reactance * 2, reactance, reactance / 4], 'Ω'),
      ],
    };
  },
});

const TRIPLES: readonly [number, number, number][] = [
  [3, 4, 5],
  [6, 8, 10],
  [5, 12, 13],
  [8, 15, 17],
  [20, 21, 29],
  [7, 24, 25],
];

const seriesImpedance = defineScenarioTemplate({
  id: 'ac-series-impedance',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const [a, b, c] = pick(random, TRIPLES);
    const scale = pick(random, [1, 2, 3, 4, 5, 10]);
    const isSwapped = random() < 0.5;
    const resistance = (isSwapped ? b : a) * scale;
    const reactance = (isSwapped ? a : b) * scale;
    const impedance = c * scale;
    const voltage = pick(random, [100, 110, 120, 220, 240, 380]);
    const isInductive = random() < 0.6;
    const symbol = isInductive ? 'X_L' : 'X_C';
    const element = isInductive ? '电感' : '电容';
    const current = voltage / impedance;
    return {
      given: `电阻R = ${resistance} Ω与${isInductive ? '感抗' : '容抗'}${symbol} = ${reactance} Ω的${element}串联，接在U = ${voltage} V的正弦交流电源上`,
      facts: [
        numericFact('电路的阻抗|Z|', impedance, [resistance + reactance, Math.abs(reactance - resistance), (resistance * reactance) / impedance], 'Ω'),
        numericFact('电路中的电流I', current, [voltage / (resistance + reactance), voltage / resistance, voltage / reactance], 'A'),
        numericFact('功率因数cosφ', resistance / impedance, [reactance / impedance, resistance / (resistance + reactance), reactance / (resistance + reactance)], '', { decimals: 2 }),
        numericFact('有功功率P', current * current * resistance, [voltage * current, current * current * impedance, current * current * reactance], 'W'),
        numericFact('无功功率Q', current * current * reactance, [voltage * current, current * current * resistance, current * current * impedance], 'var'),
      ],
    };
  },
});

const powerTriangle = defineScenarioTemplate({
  id: 'ac-power-triangle',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const voltage = 220;
    const powerKw = pick(random, [1, 1.5, 2, 2.2, 3, 4, 5, 5.5, 7.5, 10]);
    const factor = pick(random, [0.6, 0.7, 0.75, 0.8, 0.85, 0.9]);
    const power = powerKw * 1000;
    const sine = Math.sqrt(1 - factor * factor);
    const apparent = power / factor;
    return {
      given: `某单相感性负载接在U = ${voltage} V的交流电源上，有功功率P = ${powerKw} kW，功率因数cosφ = ${factor}`,
      facts: [
        numericFact('视在功率S', apparent, [power * factor, power / factor / factor, power * (1 + factor)], 'VA'),
        numericFact('负载电流I', apparent / voltage, [power / voltage, (power * factor) / voltage, apparent / (SQRT3 * voltage)], 'A'),
        numericFact('无功功率Q', apparent * sine, [apparent - power, apparent * factor, power * sine], 'var'),
        numericFact('功率因数角的正弦sinφ', sine, [factor, 1 - factor, factor / 2], '', { decimals: 2 }),
      ],
    };
  },
});

const singlePhasePower = defineScenarioTemplate({
  id: 'ac-single-phase-power',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  scenario: (random) => {
    const voltage = pick(random, [110, 220]);
    const current = pick(random, [1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30]);
    const factor = pick(random, [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]);
    const apparent = voltage * current;
    return {
      given: `某单相负载端电压U = ${voltage} V，电流I = ${current} A，功率因数cosφ = ${factor}`,
      facts: [
        numericFact('负载的有功功率P', apparent * factor, [apparent, SQRT3 * apparent * factor, apparent / factor], 'W'),
        numericFact('负载的视在功率S', apparent, [apparent * factor, SQRT3 * apparent, apparent / factor], 'VA'),
        numericFact('负载的无功功率Q', apparent * Math.sqrt(1 - factor * factor), [apparent * factor, apparent * (1 - factor), apparent], 'var'),
      ],
    };
  },
});

const powerFactorCorrection = defineScenarioTemplate({
  id: 'ac-power-factor-correction',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 4,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const powerKw = pick(random, [10, 20, 30, 40, 50, 60, 80, 100, 150, 200]);
    const before = pick(random, [0.6, 0.65, 0.7, 0.75, 0.8]);
    const after = pick(random, [0.9, 0.92, 0.95]);
    const power = powerKw * 1000;
    const tangent = (factor: number) => Math.sqrt(1 - factor * factor) / factor;
    const sine = (factor: number) => Math.sqrt(1 - factor * factor);
    const compensation = power * (tangent(before) - tangent(after));
    return {
      given: `某车间有功功率P = ${powerKw} kW，功率因数cosφ1 = ${before}，拟并联电容器将功率因数提高到cosφ2 = ${after}`,
      facts: [
        numericFact('需补偿的无功功率Q_C', compensation, [power * tangent(before), power * (sine(before) - sine(after)), power * (tangent(before) + tangent(after))], 'var'),
        numericFact('补偿前的视在功率S1', power / before, [power * before, power / after, power], 'VA'),
        numericFact('补偿后的视在功率S2', power / after, [power * after, power / before, power], 'VA'),
        numericFact('补偿前的无功功率Q1', power * tangent(before), [power * before, power / before, power * sine(after)], 'var'),
      ],
    };
  },
});

const threeElements = defineFactTemplate({
  id: 'ac-three-elements',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['', '确定一个正弦交流电量时', '描述正弦交流电的变化规律时'],
  asks: ['下列属于正弦交流电三要素的是'],
  negativeAsks: ['下列不属于正弦交流电三要素的是'],
  multipleAsks: ['正弦交流电的三要素包括'],
  trueOptions: ['最大值（或有效值）', '频率（或角频率、周期）', '初相位'],
  falseOptions: ['平均值', '瞬时值', '相位差'],
  statements: [(option) => `${option}是正弦交流电的三要素之一`],
});

const singleElements = defineFactTemplate({
  id: 'ac-single-elements',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['', '在正弦交流电路中', '分析单一参数的正弦交流电路时'],
  asks: ['下列关于单一参数交流电路的说法正确的是'],
  negativeAsks: ['下列关于单一参数交流电路的说法错误的是'],
  multipleAsks: ['关于单一参数交流电路，下列说法正确的有'],
  trueOptions: ['纯电阻电路中电压与电流同相位', '纯电感电路中电流滞后电压90°', '纯电容电路中电流超前电压90°', '感抗与频率成正比', '容抗与频率成反比'],
  falseOptions: ['纯电感电路中电流超前电压90°', '纯电容电路中电流滞后电压90°', '感抗与频率成反比', '容抗与频率成正比', '纯电感电路消耗有功功率'],
  statements: [(option) => option],
});

/** Templates of knowledge point 1.2 交流电路. */
export const ALTERNATING_CURRENT_TEMPLATES: readonly TheoryTemplate[] = [
  sinusoid,
  rmsToPeak,
  peakToRms,
  frequencyPeriod,
  inductiveReactance,
  capacitiveReactance,
  seriesImpedance,
  powerTriangle,
  singlePhasePower,
  powerFactorCorrection,
  threeElements,
  singleElements,
];

