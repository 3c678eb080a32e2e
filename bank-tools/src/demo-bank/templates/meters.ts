/**
 * Knowledge point 3.2 仪表读数: readings through current transformers, energy meter registers and
 * meter constants, multimeter range selection, accuracy class errors, pointer readings,
 * absorption ratio, two-wattmeter method, use of meggers, clamp meters and multimeters.
 */
import {
  arrangeOptions,
  BLANK,
  defineCustomTemplate,
  defineFactTemplate,
  defineScenarioTemplate,
  judgeDraft,
  numericFact,
  pick,
  type TheoryTemplate,
} from '../theory-template';

const KNOWLEDGE_POINT = '3.2';
const SQRT3 = Math.sqrt(3);
const CT_PRIMARIES = [50, 75, 100, 150, 200, 300, 400, 500, 600, 800];

const currentTransformerReading = defineScenarioTemplate({
  id: 'meter-ct-reading',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  scenario: (random) => {
    const primary = pick(random, CT_PRIMARIES);
    const reading = pick(random, [1.2, 1.5, 2, 2.4, 2.5, 3, 3.2, 3.5, 4, 4.2, 4.5]);
    const ratio = primary / 5;
    return {
      given: pick(random, [
        `一只电流表经变比为${primary}/5 A的电流互感器接入线路，电流表读数为${reading} A`,
        `配电柜上的电流表接在${primary}/5 A电流互感器的二次侧，读数为${reading} A`,
      ]),
      facts: [
        numericFact('线路的一次侧实际电流', reading * ratio, [reading, reading / ratio, reading * primary, reading * ratio * SQRT3], 'A'),
        numericFact('电流互感器的变流比K_I', ratio, [primary, 5 / primary, ratio * 2, ratio / 2], '', { decimals: 0 }),
      ],
    };
  },
});

const energyMeterWithTransformer = defineScenarioTemplate({
  id: 'meter-energy-with-ct',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const primary = pick(random, [50, 75, 100, 150, 200, 300]);
    const ratio = primary / 5;
    const start = pick(random, [1024.6, 2381.2, 3150.4, 4012.8, 5276.3, 6430.5, 7718.9, 8365.1]);
    const difference = pick(random, [12.5, 18.4, 25.6, 32, 40.5, 56.2, 63.8, 85, 120.4, 150.6]);
    const end = Math.round((start + difference) * 10) / 10;
    const shownDifference = Math.round((end - start) * 10) / 10;
    const price = pick(random, [0.6, 0.65, 0.7, 0.8, 0.85, 1]);
    const energy = shownDifference * ratio;
    return {
      given: `某用户三相电能表经变比${primary}/5 A的电流互感器接入，月初读数为${start} kWh，月末读数为${end} kWh，电价${price}元/kWh`,
      facts: [
        numericFact('电能表两次读数之差', shownDifference, [shownDifference * ratio, shownDifference / ratio, end], 'kWh', { isUnitFixed: true, decimals: 1 }),
        numericFact('计量倍率', ratio, [primary, 5 / primary, ratio * SQRT3], '', { decimals: 0 }),
        numericFact('实际用电量', energy, [shownDifference, shownDifference / ratio, end * ratio, energy * SQRT3], 'kWh', { isUnitFixed: true, decimals: 0 }),
        numericFact('应付电费', energy * price, [shownDifference * price, energy / price, end * ratio * price], '元', { isUnitFixed: true, decimals: 2 }),
      ],
    };
  },
});

const meterConstant = defineScenarioTemplate({
  id: 'meter-constant',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const isMechanical = random() < 0.5;
      const constant = isMechanical ? pick(random, [600, 720, 1200, 1500, 1800, 2400, 3000]) : pick(random, [1200, 1600, 3200, 6400]);
      const seconds = pick(random, [30, 36, 60, 72, 90, 100, 120, 180]);
      const targetKw = pick(random, [0.5, 0.8, 1, 1.2, 1.5, 2, 2.5, 3, 4, 5]);
      const count = Math.round((targetKw * constant * seconds) / 3600);
      if (count < 5) continue;
      const powerKw = (3600 * count) / (constant * seconds);
      const power = powerKw * 1000;
      const unit = isMechanical ? 'r/kWh' : 'imp/kWh';
      const observed = isMechanical ? `转盘转了N = ${count}转` : `脉冲指示灯闪烁了N = ${count}次`;
      return {
        given: `某单相电能表的常数C = ${constant} ${unit}，负载单独工作时测得t = ${seconds} s内${observed}`,
        facts: [
          numericFact('负载功率P', power, [(count / (constant * seconds)) * 1000, ((60 * count) / (constant * seconds)) * 1000, (constant * seconds) / (3600 * count) * 1000], 'W'),
          numericFact('这段时间内消耗的电能', (count / constant) * 1000, [count / constant, constant / count, (count * 1000) / (constant * 60)], 'Wh', { isUnitFixed: true }),
          numericFact('负载以此功率连续工作5 h消耗的电能', powerKw * 5, [powerKw, powerKw * 5 * 60, (powerKw * 5) / 60], 'kWh', { isUnitFixed: true }),
          numericFact('若负载为220 V纯电阻负载，其电流', power / 220, [power / 380, power / (220 * SQRT3), 220 / power], 'A'),
        ],
      };
    }
    throw new Error('template meter-constant: no parameter set within 50 draws');
  },
});

const VOLTAGE_RANGES = [10, 50, 250, 500, 1000];
const MEASURED_POINTS = ['某控制变压器的二次电压', '某照明回路的电压', '某设备的电源电压', '某信号回路的交流电压', '某配电箱出线端的电压'];

const multimeterRange = defineCustomTemplate({
  id: 'meter-multimeter-range',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  build: ({ type, random, isTrue }) => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const value = pick(random, [6, 12, 24, 36, 42, 110, 127, 220, 380, 660]);
      const point = pick(random, MEASURED_POINTS);
      const key = VOLTAGE_RANGES.find((range) => range > value) ?? 1000;
      const given = `用指针式万用表的交流电压挡测量${point}（约${value} V），该表交流电压挡量程有${VOLTAGE_RANGES.map((range) => `${range} V`).join('、')}`;
      const text = (range: number) => `${range} V`;
      if (type === 'single') {
        const distractors = VOLTAGE_RANGES.filter((range) => range !== key).sort((left, right) => Math.abs(left - key) - Math.abs(right - key)).slice(0, 3);
        const stem = `${given}，为使测量安全且读数较准确，应选用的量程为${BLANK}。`;
        return { stem, ...arrangeOptions(random, [text(key)], distractors.map(text)), signatures: [`meter-multimeter-range|${given}`] };
      }
      if (type === 'judge') {
        const shown = isTrue ? key : pick(random, VOLTAGE_RANGES.filter((range) => range !== key));
        return { ...judgeDraft(`${given}，为使测量安全且读数较准确，应选用${text(shown)}量程`, isTrue), signatures: [`meter-multimeter-range|${given}`] };
      }
      const safe = VOLTAGE_RANGES.filter((range) => range > value);
      const unsafe = VOLTAGE_RANGES.filter((range) => range <= value);
      const keyed = safe.slice(0, 4);
      const otherCount = Math.max(1, 4 - keyed.length);
      if (keyed.length < 2 || unsafe.length < otherCount) continue;
      const stem = `${given}，下列量程中能够安全测量该电压的有${BLANK}。`;
      return { stem, ...arrangeOptions(random, keyed.map(text), unsafe.slice(-otherCount).map(text)), signatures: [`meter-multimeter-range|${given}`] };
    }
    throw new Error('template meter-multimeter-range: no usable value within 50 draws');
  },
});

const accuracyClass = defineScenarioTemplate({
  id: 'meter-accuracy-class',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const accuracy = pick(random, [0.5, 1, 1.5, 2.5]);
    const range = pick(random, [10, 50, 100, 150, 250, 300, 450, 500]);
    const reading = Math.round(range * pick(random, [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]));
    const absolute = (accuracy / 100) * range;
    const relative = (absolute / reading) * 100;
    const bound = { decimals: 2, isUnitFixed: true, minimumGap: absolute / 4 };
    return {
      given: `用一只准确度等级为${accuracy}级、量程为${range} V的电压表测量电压，读数为${reading} V`,
      facts: [
        numericFact('可能出现的最大绝对误差', absolute, [(accuracy / 100) * reading, accuracy * range, absolute / 2], 'V', { sign: '±', isUnitFixed: true, decimals: 2 }),
        numericFact('该读数的最大相对误差', relative, [accuracy, relative * 10, relative / 2], '%', { sign: '±', decimals: 2 }),
        numericFact('被测电压实际值的下限', reading - absolute, [reading - (accuracy / 100) * reading, reading - 2 * absolute, reading - absolute / 2], 'V', bound),
        numericFact('被测电压实际值的上限', reading + absolute, [reading + (accuracy / 100) * reading, reading + 2 * absolute, reading + absolute / 2], 'V', bound),
      ],
    };
  },
});

const pointerReading = defineScenarioTemplate({
  id: 'meter-pointer-reading',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  scenario: (random) => {
    const isVoltage = random() < 0.6;
    const range = isVoltage ? pick(random, [2.5, 10, 50, 100, 150, 250, 300, 500]) : pick(random, [1, 2.5, 5, 10, 50]);
    const divisions = pick(random, [50, 100, 150]);
    const position = Math.round(divisions * pick(random, [0.24, 0.3, 0.36, 0.42, 0.5, 0.56, 0.62, 0.7, 0.76, 0.84, 0.9]));
    const unit = isVoltage ? 'V' : 'A';
    const reading = (position / divisions) * range;
    return {
      given: `某指针式${isVoltage ? '电压' : '电流'}表量程为${range} ${unit}，标度尺共${divisions}格，测量时指针指在第${position}格`,
      facts: [numericFact('被测量的读数', reading, [position, (position * range) / 100, (divisions / position) * range, reading / 2], unit, { isUnitFixed: true })],
    };
  },
});

const absorptionRatio = defineScenarioTemplate({
  id: 'meter-absorption-ratio',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  scenario: (random) => {
    const fifteen = pick(random, [100, 150, 200, 250, 300, 400, 500, 800, 1000, 1500]);
    const ratio = pick(random, [1.05, 1.1, 1.15, 1.2, 1.4, 1.5, 1.6, 1.8, 2, 2.5]);
    const sixty = Math.round(fifteen * ratio);
    return {
      given: `用兆欧表测量一台电动机定子绕组对地的绝缘电阻，15 s时读数R15 = ${fifteen} MΩ，60 s时读数R60 = ${sixty} MΩ`,
      facts: [
        numericFact('吸收比K', sixty / fifteen, [fifteen / sixty, sixty - fifteen, (sixty + fifteen) / fifteen], '', { decimals: 2 }),
        numericFact('60 s与15 s读数之差', sixty - fifteen, [sixty + fifteen, sixty, fifteen], 'MΩ', { isUnitFixed: true }),
      ],
    };
  },
});

const twoWattmeter = defineScenarioTemplate({
  id: 'meter-two-wattmeter',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  scenario: (random) => {
    const first = pick(random, [1.2, 2.5, 3.6, 4.8, 5.2, 6.4, 7.5, 8.3, 10.6, 12.4]);
    let second = pick(random, [0.8, 1.5, 2.2, 3.1, 4.2, 5.6, 6.9, 9.1]);
    if (second === first) second += 0.5;
    const total = (first + second) * 1000;
    return {
      given: `用两表法测量三相三线制负载的有功功率，两只功率表读数分别为P1 = ${first} kW、P2 = ${second} kW`,
      facts: [
        numericFact('三相总有功功率P', total, [Math.abs(first - second) * 1000, SQRT3 * total, (total * 3) / 2, total / 2], 'W'),
      ],
    };
  },
});

const meggerVoltage = defineFactTemplate({
  id: 'meter-megger-voltage',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['测量额定电压380 V的低压电动机绕组绝缘电阻时', '测量500 V以下低压配电线路的绝缘电阻时'],
  asks: ['一般选用的兆欧表电压等级为'],
  trueOptions: ['500 V'],
  falseOptions: ['2500 V', '5000 V', '10000 V', '50 V'],
  statements: [(option) => `一般应选用${option}的兆欧表`],
});

const meggerUsage = defineFactTemplate({
  id: 'meter-megger-usage',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['使用兆欧表测量绝缘电阻时', '用手摇兆欧表测量电动机绕组绝缘电阻时'],
  asks: ['下列做法正确的是'],
  negativeAsks: ['下列做法错误的是'],
  multipleAsks: ['正确的做法有'],
  trueOptions: ['测量前切断被测设备电源并充分放电', '测量前对兆欧表做开路和短路检查', '摇把转速保持在120 r/min左右', '测量后对被测设备放电'],
  falseOptions: ['在设备带电的情况下直接测量', '测量完毕立即用手触摸被测导体', '为省时间摇动几圈即读数'],
  statements: [(option) => `${option}是正确的做法`],
});

const clampMeter = defineFactTemplate({
  id: 'meter-clamp-meter',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['使用钳形电流表测量负载电流时', '用钳形电流表测量运行中电动机的电流时'],
  asks: ['下列做法正确的是'],
  negativeAsks: ['下列做法错误的是'],
  multipleAsks: ['正确的做法有'],
  trueOptions: ['测量前估计被测电流大小并选择合适量程', '被测导线置于钳口中央', '每次只钳入一根导线'],
  falseOptions: ['测量过程中带电切换量程', '同时钳入相线和中性线测量负载电流', '钳口未闭合好就读数'],
  statements: [(option) => `${option}是正确的做法`],
});

const multimeterUsage = defineFactTemplate({
  id: 'meter-multimeter-usage',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['使用指针式万用表时', '用万用表进行电气测量时'],
  asks: ['下列做法正确的是'],
  negativeAsks: ['下列做法错误的是'],
  multipleAsks: ['下列做法正确的有'],
  trueOptions: ['测量电阻前进行欧姆调零', '断开被测电路电源后再测量电阻', '测量未知电压时先选用最高量程', '使用完毕将转换开关置于交流电压最高挡或OFF挡'],
  falseOptions: ['带电测量电阻', '测量电流时将万用表与负载并联', '测量过程中带电转换量程', '测量未知电压时先选用最小量程'],
  statements: [(option) => `${option}是正确的做法`],
});

const meterConnection = defineFactTemplate({
  id: 'meter-connection',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['测量电路的电流和电压时', '使用电流表和电压表时'],
  asks: ['下列接法正确的是'],
  multipleAsks: ['下列说法正确的有'],
  trueOptions: ['电流表与被测电路串联', '电压表与被测电路并联'],
  falseOptions: ['电流表与被测电路并联', '电压表与被测电路串联', '电流表内阻越大越好'],
  statements: [(option) => option],
});

/** Templates of knowledge point 3.2 仪表读数. */
export const METER_TEMPLATES: readonly TheoryTemplate[] = [
  currentTransformerReading,
  energyMeterWithTransformer,
  meterConstant,
  multimeterRange,
  accuracyClass,
  pointerReading,
  absorptionRatio,
  twoWattmeter,
  meggerVoltage,
  meggerUsage,
  clampMeter,
  multimeterUsage,
  meterConnection,
];
