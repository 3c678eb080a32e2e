/**
 * Knowledge point 1.1 直流电路: Ohm's law, series and parallel resistance, power P = UI = I²R,
 * energy in kWh and its cost, a source with internal resistance.
 */
import {
  defineFactTemplate,
  defineScenarioTemplate,
  numericFact,
  pick,
  type TheoryTemplate,
} from '../theory-template';

const KNOWLEDGE_POINT = '1.1';

const RESISTANCES = [10, 12, 15, 18, 20, 22, 24, 27, 30, 33, 40, 44, 47, 50, 55, 60, 68, 75, 82, 100, 110, 120, 150, 180, 200, 220, 240, 300, 330, 390, 470, 484, 560, 680, 1000, 1200, 2200];
const SMALL_RESISTANCES = [2, 4, 5, 6, 8, 10, 12, 15, 20, 22, 24, 30, 40, 44, 50, 60, 100];
const VOLTAGES = [6, 9, 12, 24, 36, 48, 60, 110, 220];
const CURRENTS = [0.05, 0.1, 0.2, 0.25, 0.4, 0.5, 0.8, 1, 1.2, 1.5, 2, 2.5, 3, 4, 5];
const SERIES_RESISTANCES = [5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200];
const DEVICES = ['电阻', '电热丝', '电烙铁发热芯', '指示灯灯丝', '加热元件', '电热板'];

const ohmCurrent = defineScenarioTemplate({
  id: 'dc-ohm-current',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  scenario: (random) => {
    const voltage = pick(random, VOLTAGES);
    const resistance = pick(random, RESISTANCES);
    const device = pick(random, DEVICES);
    const current = voltage / resistance;
    const given = pick(random, [
      `将阻值R = ${resistance} Ω的${device}接到U = ${voltage} V的直流电源上`,
      `${device}的电阻R = ${resistance} Ω，两端加U = ${voltage} V的直流电压`,
    ]);
    return {
      given,
      facts: [
        numericFact('通过的电流I', current, [resistance / voltage, current * 1000, current / 1000, voltage * resistance], 'A'),
        numericFact('消耗的功率P', voltage * current, [current, voltage * voltage * resistance, (voltage * current) / 2, voltage * current * 2], 'W'),
      ],
    };
  },
});

const ohmVoltage = defineScenarioTemplate({
  id: 'dc-ohm-voltage',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  scenario: (random) => {
    const resistance = pick(random, SMALL_RESISTANCES);
    const current = pick(random, CURRENTS);
    const voltage = current * resistance;
    const given = pick(random, [
      `阻值R = ${resistance} Ω的电阻中通过I = ${current} A的直流电流`,
      `某电阻R = ${resistance} Ω，测得通过它的电流I = ${current} A`,
    ]);
    return {
      given,
      facts: [
        numericFact('电阻两端的电压U', voltage, [current / resistance, resistance / current, voltage * 1000, voltage / 1000], 'V'),
        numericFact('电阻消耗的功率P', current * current * resistance, [current * resistance, (current * current) / resistance, current * resistance * resistance, 2 * current * resistance], 'W'),
      ],
    };
  },
});

const ohmResistance = defineScenarioTemplate({
  id: 'dc-ohm-resistance',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  scenario: (random) => {
    const voltage = pick(random, VOLTAGES);
    const current = pick(random, CURRENTS);
    const given = pick(random, [
      `某电阻两端加U = ${voltage} V的直流电压时，测得电流I = ${current} A`,
      `测得某直流负载的端电压U = ${voltage} V、电流I = ${current} A`,
    ]);
    return {
      given,
      facts: [
        numericFact('其电阻R', voltage / current, [voltage * current, current / voltage, voltage / current / 1000], 'Ω'),
        numericFact('其功率P', voltage * current, [voltage / current, voltage * voltage * current, (voltage * current) / 2], 'W'),
      ],
    };
  },
});

const seriesCircuit = defineScenarioTemplate({
  id: 'dc-series',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const hasThird = random() < 0.5;
    const r1 = pick(random, SERIES_RESISTANCES);
    const r2 = pick(random, SERIES_RESISTANCES);
    const r3 = hasThird ? pick(random, SERIES_RESISTANCES) : 0;
    const voltage = pick(random, [12, 24, 36, 48, 60, 110, 220]);
    const total = r1 + r2 + r3;
    const parallel = 1 / (1 / r1 + 1 / r2 + (hasThird ? 1 / r3 : 0));
    const current = voltage / total;
    const count = hasThird ? 3 : 2;
    const names = hasThird ? `R1 = ${r1} Ω、R2 = ${r2} Ω、R3 = ${r3} Ω` : `R1 = ${r1} Ω、R2 = ${r2} Ω`;
    return {
      given: `电阻${names}串联后接在U = ${voltage} V的直流电源上`,
      facts: [
        numericFact('电路的总电阻R', total, [parallel, total * 2, total / count, r1 * r2], 'Ω'),
        numericFact('电路中的电流I', current, [voltage / r1, voltage / parallel, current * 1000, voltage / total / count], 'A'),
        numericFact('R1两端的电压U1', current * r1, [voltage - current * r1, voltage / count, current * r2, voltage], 'V'),
        numericFact('电路消耗的总功率P', voltage * current, [(voltage * voltage) / r1, current * current * r1, voltage * voltage * total], 'W'),
        numericFact('R2消耗的功率P2', current * current * r2, [current * r2, (voltage * voltage) / r2, current * current * r1], 'W'),
      ],
    };
  },
});

const parallelCircuit = defineScenarioTemplate({
  id: 'dc-parallel',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const r1 = pick(random, SERIES_RESISTANCES);
    let r2 = pick(random, SERIES_RESISTANCES);
    if (r2 === r1) r2 = r1 * 2;
    const voltage = pick(random, [6, 12, 24, 36, 48, 60, 110, 220]);
    const equivalent = (r1 * r2) / (r1 + r2);
    const current1 = voltage / r1;
    const current2 = voltage / r2;
    const current = current1 + current2;
    return {
      given: `电阻R1 = ${r1} Ω与R2 = ${r2} Ω并联后接在U = ${voltage} V的直流电源上`,
      facts: [
        numericFact('并联等效电阻R', equivalent, [r1 + r2, (r1 + r2) / 2, (r1 * r2) / Math.abs(r1 - r2)], 'Ω'),
        numericFact('通过R1的电流I1', current1, [current2, voltage / (r1 + r2), current1 * 1000], 'A'),
        numericFact('通过R2的电流I2', current2, [current1, voltage / (r1 + r2), current2 * 1000], 'A'),
        numericFact('电源输出的总电流I', current, [voltage / (r1 + r2), Math.abs(current1 - current2), current1], 'A'),
        numericFact('电路消耗的总功率P', voltage * current, [(voltage * voltage) / (r1 + r2), voltage * current1, voltage * Math.abs(current1 - current2)], 'W'),
      ],
    };
  },
});

const APPLIANCES: readonly { name: string; powers: readonly number[] }[] = [
  { name: '电炉', powers: [800, 1000, 1500, 2000] },
  { name: '电热水器', powers: [1500, 2000, 2500, 3000] },
  { name: '电暖器', powers: [600, 800, 1200, 1600, 2000] },
  { name: '电饭锅', powers: [500, 700, 800, 900, 1000] },
  { name: '电热水壶', powers: [1200, 1500, 1800] },
  { name: '烘箱', powers: [1000, 2000, 3000] },
];

const energyCost = defineScenarioTemplate({
  id: 'dc-energy-cost',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const appliance = pick(random, APPLIANCES);
    const power = pick(random, appliance.powers);
    const hours = pick(random, [0.5, 1, 1.5, 2, 3, 4, 5, 6, 8]);
    const days = pick(random, [10, 15, 20, 25, 30, 31]);
    const price = pick(random, [0.5, 0.55, 0.6, 0.65, 0.8, 1]);
    const energy = (power * hours * days) / 1000;
    const cost = energy * price;
    return {
      given: `一台额定电压220 V、额定功率P = ${power} W的${appliance.name}（纯电阻性），每天使用${hours} h，共使用${days}天，电价为${price}元/kWh`,
      facts: [
        numericFact('消耗的电能W', energy, [power * hours * days, (power * hours) / 1000, energy / 10, energy * 10], 'kWh', { isUnitFixed: true, decimals: 1 }),
        numericFact('应付电费', cost, [energy / price, cost / days, cost * 10, cost / 10], '元', { isUnitFixed: true, decimals: 2 }),
        numericFact('额定电流I', power / 220, [power / 380, 220 / power, (power / 220) * Math.SQRT2], 'A'),
        numericFact('发热元件的电阻R', (220 * 220) / power, [power / 220, (380 * 380) / power, (220 * 220) / power / 2], 'Ω'),
      ],
    };
  },
});

const joulePower = defineScenarioTemplate({
  id: 'dc-joule',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  scenario: (random) => {
    const resistance = pick(random, SMALL_RESISTANCES);
    const current = pick(random, CURRENTS);
    const seconds = pick(random, [10, 30, 60, 120, 300, 600]);
    const power = current * current * resistance;
    return {
      given: `阻值R = ${resistance} Ω的电阻中通过I = ${current} A的直流电流，通电时间t = ${seconds} s`,
      facts: [
        numericFact('电阻消耗的功率P', power, [current * resistance, (current * current) / resistance, 2 * current * resistance, current * resistance * resistance], 'W'),
        numericFact('电阻产生的热量Q', power * seconds, [current * resistance * seconds, (power * seconds) / 60, power * seconds * 1000, power], 'J'),
      ],
    };
  },
});

const internalResistance = defineScenarioTemplate({
  id: 'dc-internal-resistance',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const emf = pick(random, [1.5, 3, 4.5, 6, 9, 12, 24, 36, 48]);
    const internal = pick(random, [0.1, 0.2, 0.5, 1, 1.5, 2]);
    let load = pick(random, [1, 2, 4, 5, 8, 10, 12, 20, 22]);
    if (load === internal) load += 1;
    const current = emf / (load + internal);
    return {
      given: `电动势E = ${emf} V、内阻r = ${internal} Ω的直流电源，外接负载电阻R = ${load} Ω`,
      facts: [
        numericFact('电路中的电流I', current, [emf / load, emf / internal, emf / Math.abs(load - internal)], 'A'),
        numericFact('电源的端电压U', current * load, [emf, current * internal, emf + current * internal], 'V'),
        numericFact('内阻上的电压降U_r', current * internal, [current * load, emf / internal, emf - current * internal * 2], 'V'),
        numericFact('负载消耗的功率P', current * current * load, [(emf * emf) / load, emf * current, current * current * internal], 'W'),
        numericFact('电源的总功率P_E', emf * current, [current * current * load, (emf * emf) / internal, current * current * internal], 'W'),
      ],
    };
  },
});

const parallelRules = defineFactTemplate({
  id: 'dc-parallel-rules',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['几个电阻并联接在同一直流电源上', '将若干阻值不同的电阻并联使用', '几个阻值不同的电阻并联后接在电源上'],
  asks: ['下列说法正确的是'],
  negativeAsks: ['下列说法错误的是'],
  multipleAsks: ['下列说法正确的有'],
  trueOptions: ['等效电阻小于其中任一个电阻', '各电阻两端的电压相等', '总电流等于各支路电流之和'],
  falseOptions: ['等效电阻大于其中任一个电阻', '各支路中的电流一定相等', '阻值大的电阻消耗的功率大'],
  statements: [(option) => option],
});

const seriesRules = defineFactTemplate({
  id: 'dc-series-rules',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['几个电阻串联接在同一直流电源上', '将若干阻值不同的电阻串联使用', '用串联电阻分压时'],
  asks: ['下列说法正确的是'],
  negativeAsks: ['下列说法错误的是'],
  multipleAsks: ['下列说法正确的有'],
  trueOptions: ['通过各电阻的电流相等', '总电压等于各电阻两端电压之和', '阻值大的电阻分得的电压高'],
  falseOptions: ['总电阻小于其中任一个电阻', '各电阻两端的电压一定相等', '阻值大的电阻消耗的功率小'],
  statements: [(option) => option],
});

/** Templates of knowledge point 1.1 直流电路. */
export const DIRECT_CURRENT_TEMPLATES: readonly TheoryTemplate[] = [
  ohmCurrent,
  ohmVoltage,
  ohmResistance,
  seriesCircuit,
  parallelCircuit,
  energyCost,
  joulePower,
  internalResistance,
  parallelRules,
  seriesRules,
];
