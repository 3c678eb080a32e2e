/**
 * Knowledge point 1.3 三相电路: line and phase quantities in star and delta connection,
 * P = √3·U_L·I_L·cosφ, S and Q, line current from power, the neutral conductor.
 */
import {
  defineFactTemplate,
  defineScenarioTemplate,
  numericFact,
  pick,
  textFact,
  type TheoryTemplate,
} from '../theory-template';

const KNOWLEDGE_POINT = '1.3';
const SQRT3 = Math.sqrt(3);
const LINE_VOLTAGES = [220, 380, 400, 660];
const PHASE_RESISTANCES = [10, 11, 19, 20, 22, 38, 40, 44, 50, 55, 76, 100, 110];

const starLoad = defineScenarioTemplate({
  id: 'three-phase-star',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const lineVoltage = pick(random, LINE_VOLTAGES);
    const resistance = pick(random, PHASE_RESISTANCES);
    const phaseVoltage = lineVoltage / SQRT3;
    const phaseCurrent = phaseVoltage / resistance;
    return {
      given: `三相对称电阻负载作星形连接，接在线电压U_L = ${lineVoltage} V的三相电源上，每相电阻R = ${resistance} Ω`,
      facts: [
        numericFact('每相负载的相电压U_p', phaseVoltage, [lineVoltage, lineVoltage * SQRT3, lineVoltage / 3], 'V'),
        numericFact('相电流I_p', phaseCurrent, [lineVoltage / resistance, phaseCurrent / SQRT3, phaseCurrent * 3], 'A'),
        numericFact('线电流I_L', phaseCurrent, [phaseCurrent * SQRT3, phaseCurrent / SQRT3, phaseCurrent * 3], 'A'),
        numericFact('三相总有功功率P', 3 * phaseVoltage * phaseCurrent, [phaseVoltage * phaseCurrent, (3 * lineVoltage * lineVoltage) / resistance, SQRT3 * phaseVoltage * phaseCurrent], 'W'),
      ],
    };
  },
});

const deltaLoad = defineScenarioTemplate({
  id: 'three-phase-delta',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const lineVoltage = pick(random, LINE_VOLTAGES);
    const resistance = pick(random, PHASE_RESISTANCES);
    const phaseCurrent = lineVoltage / resistance;
    return {
      given: `三相对称电阻负载作三角形连接，接在线电压U_L = ${lineVoltage} V的三相电源上，每相电阻R = ${resistance} Ω`,
      facts: [
        numericFact('每相负载的相电压U_p', lineVoltage, [lineVoltage / SQRT3, lineVoltage * SQRT3, lineVoltage / 3], 'V'),
        numericFact('相电流I_p', phaseCurrent, [phaseCurrent / SQRT3, phaseCurrent * SQRT3, phaseCurrent * 3], 'A'),
        numericFact('线电流I_L', phaseCurrent * SQRT3, [phaseCurrent, phaseCurrent * 3, phaseCurrent / SQRT3], 'A'),
        numericFact('三相总有功功率P', 3 * lineVoltage * phaseCurrent, [lineVoltage * phaseCurrent, SQRT3 * lineVoltage * phaseCurrent, lineVoltage * phaseCurrent * 9], 'W'),
      ],
    };
  },
});

const threePhasePower = defineScenarioTemplate({
  id: 'three-phase-power',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const isHighVoltage = random() < 0.2;
    const lineVoltage = isHighVoltage ? pick(random, [6000, 10000]) : pick(random, [380, 400, 660]);
    const lineCurrent = isHighVoltage ? pick(random, [5, 8, 10, 15, 20, 30, 40, 50]) : pick(random, [5, 8, 10, 12, 15, 18, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200]);
    const factor = pick(random, [0.7, 0.75, 0.8, 0.82, 0.85, 0.86, 0.88, 0.9, 0.92]);
    const apparent = SQRT3 * lineVoltage * lineCurrent;
    const sine = Math.sqrt(1 - factor * factor);
    return {
      given: `某三相对称负载作星形连接，线电压U_L = ${lineVoltage} V，线电流I_L = ${lineCurrent} A，功率因数cosφ = ${factor}`,
      facts: [
        numericFact('三相有功功率P', apparent * factor, [lineVoltage * lineCurrent * factor, 3 * lineVoltage * lineCurrent * factor, apparent], 'W'),
        numericFact('三相视在功率S', apparent, [lineVoltage * lineCurrent, 3 * lineVoltage * lineCurrent, apparent * factor], 'VA'),
        numericFact('三相无功功率Q', apparent * sine, [apparent * factor, lineVoltage * lineCurrent * sine, 3 * lineVoltage * lineCurrent * sine], 'var'),
        numericFact('负载的相电压U_p', lineVoltage / SQRT3, [lineVoltage, lineVoltage * SQRT3, lineVoltage / 3], 'V'),
      ],
    };
  },
});

const lineCurrentFromPower = defineScenarioTemplate({
  id: 'three-phase-line-current',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  scenario: (random) => {
    const powerKw = pick(random, [5, 7.5, 10, 15, 20, 22, 30, 37, 45, 55, 75, 90, 100]);
    const lineVoltage = pick(random, [380, 400, 660]);
    const factor = pick(random, [0.75, 0.8, 0.85, 0.88, 0.9, 0.92]);
    const power = powerKw * 1000;
    const current = power / (SQRT3 * lineVoltage * factor);
    return {
      given: `某三相对称负载的有功功率P = ${powerKw} kW，线电压U_L = ${lineVoltage} V，功率因数cosφ = ${factor}`,
      facts: [
        numericFact('线电流I_L', current, [power / (lineVoltage * factor), power / (3 * lineVoltage * factor), power / (SQRT3 * lineVoltage), current * factor], 'A'),
        numericFact('三相视在功率S', power / factor, [power * factor, power, SQRT3 * power], 'VA'),
      ],
    };
  },
});

const starVersusDelta = defineScenarioTemplate({
  id: 'three-phase-star-versus-delta',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 4,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    const lineVoltage = pick(random, [220, 380, 400]);
    const resistance = pick(random, PHASE_RESISTANCES);
    const starPower = (lineVoltage * lineVoltage) / resistance;
    const deltaPower = 3 * starPower;
    return {
      given: `同一组三相对称电阻负载，每相电阻R = ${resistance} Ω，分别作星形和三角形连接，接在线电压U_L = ${lineVoltage} V的三相电源上`,
      facts: [
        numericFact('星形连接时的三相总功率P_Y', starPower, [deltaPower, starPower / 3, SQRT3 * starPower], 'W'),
        numericFact('三角形连接时的三相总功率P_Δ', deltaPower, [starPower, SQRT3 * starPower, 9 * starPower], 'W'),
        numericFact('星形连接时的线电流I_LY', lineVoltage / (SQRT3 * resistance), [lineVoltage / resistance, (SQRT3 * lineVoltage) / resistance, lineVoltage / (3 * resistance)], 'A'),
        numericFact('三角形连接时的线电流I_LΔ', (SQRT3 * lineVoltage) / resistance, [lineVoltage / resistance, lineVoltage / (SQRT3 * resistance), (3 * lineVoltage) / resistance], 'A'),
        textFact('三角形连接与星形连接的功率之比P_Δ/P_Y', '3', ['√3', '1/3', '1', '9']),
      ],
    };
  },
});

const phaseDifference = defineFactTemplate({
  id: 'three-phase-phase-difference',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  situations: ['对称三相电源中', '三相交流发电机输出对称三相电动势时', '在对称三相正弦交流系统中'],
  asks: ['各相电动势之间的相位差为', '任意两相电动势的相位互差'],
  trueOptions: ['120°'],
  falseOptions: ['30°', '60°', '90°', '180°'],
  statements: [(option) => `各相电动势之间的相位差为${option}`, (option) => `任意两相电动势的相位互差${option}`],
});

const starRelations = defineFactTemplate({
  id: 'three-phase-star-relations',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['对称三相电源作星形连接时', '三相对称负载作星形连接时'],
  asks: ['下列说法正确的是'],
  negativeAsks: ['下列说法错误的是'],
  multipleAsks: ['下列说法正确的有'],
  trueOptions: ['线电压等于相电压的√3倍', '线电流等于相电流', '线电压超前相应的相电压30°'],
  falseOptions: ['线电压等于相电压', '线电流等于相电流的√3倍', '线电压滞后相应的相电压30°'],
  statements: [(option) => option],
});

const deltaRelations = defineFactTemplate({
  id: 'three-phase-delta-relations',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['三相对称负载作三角形连接时', '对称三相负载接成三角形并接入正序电源时'],
  asks: ['下列说法正确的是'],
  negativeAsks: ['下列说法错误的是'],
  multipleAsks: ['下列说法正确的有'],
  trueOptions: ['线电压等于相电压', '线电流等于相电流的√3倍', '线电流滞后相应的相电流30°'],
  falseOptions: ['线电压等于相电压的√3倍', '线电流等于相电流', '线电流超前相应的相电流30°'],
  statements: [(option) => option],
});

const neutralConductor = defineFactTemplate({
  id: 'three-phase-neutral',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['在三相四线制低压供电系统中', '对于接有大量单相照明负载的三相四线制线路'],
  asks: ['关于中性线，下列说法正确的是'],
  negativeAsks: ['关于中性线，下列说法错误的是'],
  multipleAsks: ['关于中性线，下列说法正确的有'],
  trueOptions: ['中性线上不允许安装熔断器', '中性线上不允许单独安装开关', '中性线能使不对称负载的相电压保持基本对称'],
  falseOptions: ['中性线上应安装熔断器作短路保护', '中性线断开后各相负载电压仍然保持不变', '三相负载不对称时可以取消中性线'],
  statements: [(option) => option],
});

/** Templates of knowledge point 1.3 三相电路. */
export const THREE_PHASE_TEMPLATES: readonly TheoryTemplate[] = [
  starLoad,
  deltaLoad,
  threePhasePower,
  lineCurrentFromPower,
  starVersusDelta,
  phaseDifference,
  starRelations,
  deltaRelations,
  neutralConductor,
];
