/**
 * Knowledge point 3.1 导线截面选择: section from the load current and an ampacity table written
 * into the stem (SkillCert's own illustrative table, not a standard's), voltage drop
 * ΔU = 2·I·L·ρ/S, section for an allowed drop, conductor resistance, PE section, colours, joints.
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
  textFact,
  type TheoryTemplate,
} from '../theory-template';

const KNOWLEDGE_POINT = '3.1';
const SQRT3 = Math.sqrt(3);

/** Illustrative ampacity table (copper, insulated, in conduit): section mm² → amperes. */
export const DEMO_AMPACITY_TABLE: readonly (readonly [number, number])[] = [
  [1.5, 18],
  [2.5, 25],
  [4, 34],
  [6, 43],
  [10, 60],
  [16, 80],
  [25, 105],
  [35, 130],
  [50, 160],
  [70, 200],
];

/** Standard conductor sections in mm². */
const STANDARD_SECTIONS = [1.5, 2.5, 4, 6, 10, 16, 25, 35, 50, 70, 95, 120];

const MATERIALS = [
  { name: '铜', resistivity: 0.0175, other: 0.0283 },
  { name: '铝', resistivity: 0.0283, other: 0.0175 },
] as const;

const TABLE_TEXT = `导线允许载流量按下表取：${DEMO_AMPACITY_TABLE.map(([section, amperes]) => `${section} mm² ${amperes} A`).join('、')}`;

function sectionText(section: number): string {
  return `${section} mm²`;
}

/** A load described in words and its current (A), kept away from table boundaries by >= 2 A. */
function drawLoad(random: RandomSource): { text: string; current: number } {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const kind = pick(random, ['heater', 'motor', 'current'] as const);
    let text: string;
    let current: number;
    if (kind === 'heater') {
      const powerKw = pick(random, [1, 1.5, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30]);
      current = (powerKw * 1000) / 220;
      text = `某单相220 V电热负载功率P = ${powerKw} kW`;
    } else if (kind === 'motor') {
      const powerKw = pick(random, [2.2, 3, 4, 5.5, 7.5, 11, 15, 18.5, 22, 30, 37, 45, 55, 75, 90]);
      const factor = pick(random, [0.82, 0.85, 0.86, 0.88]);
      const efficiency = pick(random, [0.85, 0.87, 0.89, 0.9, 0.92]);
      current = (powerKw * 1000) / (SQRT3 * 380 * factor * efficiency);
      text = `某三相380 V电动机P_N = ${powerKw} kW，cosφ = ${factor}，η = ${efficiency}，单独由一条线路供电`;
    } else {
      current = pick(random, [8, 12, 15, 20, 22, 28, 30, 38, 40, 46, 50, 55, 65, 70, 75, 85, 90, 100, 110, 120, 135, 150, 170, 190]);
      text = `某线路的计算负荷电流I_js = ${current} A`;
    }
    const isNearBoundary = DEMO_AMPACITY_TABLE.some(([, amperes]) => Math.abs(amperes - current) < 2);
    if (current >= 5 && current <= 195 && !isNearBoundary) return { text, current };
  }
  throw new Error('template conductor-sizing: no load away from the table boundaries within 50 draws');
}

/** Index in the ampacity table of the smallest section whose ampacity covers the current. */
function smallestSufficientIndex(current: number): number {
  return DEMO_AMPACITY_TABLE.findIndex(([, amperes]) => amperes >= current);
}

const sizingByAmpacity = defineCustomTemplate({
  id: 'conductor-sizing',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  build: ({ type, random, isTrue }) => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const load = drawLoad(random);
      const keyIndex = smallestSufficientIndex(load.current);
      const given = `${load.text}。${TABLE_TEXT}`;
      const sections = DEMO_AMPACITY_TABLE.map(([section]) => section);
      if (type === 'single') {
        const neighbours = [keyIndex - 1, keyIndex + 1, keyIndex + 2, keyIndex - 2, keyIndex + 3, keyIndex - 3].filter((index) => index >= 0 && index < sections.length);
        const distractors = neighbours.slice(0, 3).map((index) => sectionText(sections[index]));
        const stem = `${given}。${pick(random, ['按发热条件（载流量）选择，应选用的最小导线截面为', '按允许载流量选择导线，满足要求的最小截面为'])}${BLANK}。`;
        return { stem, ...arrangeOptions(random, [sectionText(sections[keyIndex])], distractors), signatures: [`conductor-sizing|${load.text}`] };
      }
      if (type === 'judge') {
        const candidates = isTrue ? [keyIndex, keyIndex + 1] : [keyIndex - 1, keyIndex - 2];
        const valid = candidates.filter((index) => index >= 0 && index < sections.length);
        if (valid.length === 0) continue;
        const section = sections[pick(random, valid)];
        const statement = pick(random, [
          `${given}。选用${sectionText(section)}的导线能满足载流量要求`,
          `${given}。若选用${sectionText(section)}的导线，其允许载流量不小于线路电流`,
        ]);
        return { ...judgeDraft(statement, isTrue), signatures: [`conductor-sizing|${load.text}`] };
      }
      const optionCount = pick(random, [4, 5]);
      const invalidCount = 1 + Math.floor(random() * (optionCount - 2));
      const start = keyIndex - invalidCount;
      if (start < 0 || start + optionCount > sections.length) continue;
      const window = sections.slice(start, start + optionCount);
      const keyed = window.slice(invalidCount).map(sectionText);
      const others = window.slice(0, invalidCount).map(sectionText);
      const stem = `${given}。${pick(random, ['下列导线截面中载流量满足要求的有', '下列截面的导线中，能够满足发热条件的有'])}${BLANK}。`;
      return { stem, ...arrangeOptions(random, keyed, others), signatures: [`conductor-sizing|${load.text}`] };
    }
    throw new Error('template conductor-sizing: no usable load within 50 draws');
  },
});

const voltageDrop = defineScenarioTemplate({
  id: 'conductor-voltage-drop',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge', 'multiple'],
  scenario: (random) => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const material = pick(random, MATERIALS);
      const section = pick(random, [2.5, 4, 6, 10, 16, 25, 35]);
      const length = pick(random, [20, 30, 40, 50, 60, 80, 100, 120, 150, 200]);
      const current = pick(random, [5, 8, 10, 12, 15, 20, 25, 30, 40, 50]);
      const ampacity = DEMO_AMPACITY_TABLE.find(([value]) => value === section)?.[1] ?? 0;
      const resistance = (2 * material.resistivity * length) / section;
      const drop = current * resistance;
      if (current > ampacity || drop < 2 || drop > 25) continue;
      return {
        given: `用截面S = ${section} mm²的${material.name}芯导线（电阻率ρ = ${material.resistivity} Ω·mm²/m）向距离L = ${length} m的单相220 V负载供电，负载电流I = ${current} A`,
        facts: [
          numericFact('线路往返导线的电阻R', resistance, [resistance / 2, (2 * material.other * length) / section, resistance * 1000], 'Ω'),
          numericFact('线路电压损失ΔU', drop, [drop / 2, (current * 2 * material.other * length) / section, drop * 1000, drop / 1000], 'V'),
          numericFact('电压损失百分数ΔU%', (drop / 220) * 100, [(drop / 380) * 100, (drop / 2 / 220) * 100, drop / 220], '%', { decimals: 2 }),
          numericFact('负载端电压', 220 - drop, [220 + drop, 220 - drop / 2, 220 - 2 * drop], 'V', { decimals: 1, minimumGap: 0.5, isUnitFixed: true }),
        ],
      };
    }
    throw new Error('template conductor-voltage-drop: no parameter set within 50 draws');
  },
});

const sectionForDrop = defineScenarioTemplate({
  id: 'conductor-section-for-drop',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 4,
  scenario: (random) => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const material = pick(random, MATERIALS);
      const length = pick(random, [30, 40, 50, 60, 80, 100, 120, 150, 200, 250]);
      const current = pick(random, [10, 15, 20, 25, 30, 40, 50, 60]);
      const allowed = pick(random, [4.4, 6.6, 8.8, 11]);
      const minimum = (2 * material.resistivity * length * current) / allowed;
      const standardIndex = STANDARD_SECTIONS.findIndex((section) => section >= minimum);
      const isNearStandard = STANDARD_SECTIONS.some((section) => Math.abs(section - minimum) < section * 0.03);
      if (standardIndex < 1 || standardIndex > STANDARD_SECTIONS.length - 3 || isNearStandard) continue;
      const standard = STANDARD_SECTIONS[standardIndex];
      return {
        given: `${material.name}芯导线（ρ = ${material.resistivity} Ω·mm²/m）向L = ${length} m外的单相负载供电，负载电流I = ${current} A，允许电压损失ΔU = ${allowed} V`,
        facts: [
          numericFact('按电压损失计算的最小截面S', minimum, [minimum / 2, (2 * material.other * length * current) / allowed, minimum * 1000, minimum * 2], 'mm²', { isUnitFixed: true }),
          textFact('应选用的最小标准截面', sectionText(standard), [
            sectionText(STANDARD_SECTIONS[standardIndex - 1]),
            sectionText(STANDARD_SECTIONS[standardIndex + 1]),
            sectionText(STANDARD_SECTIONS[standardIndex + 2]),
          ]),
        ],
      };
    }
    throw new Error('template conductor-section-for-drop: no parameter set within 50 draws');
  },
});

const conductorResistance = defineScenarioTemplate({
  id: 'conductor-resistance',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 1,
  scenario: (random) => {
    const material = pick(random, MATERIALS);
    const length = pick(random, [50, 80, 100, 150, 200, 250, 300, 400, 500, 800, 1000]);
    const section = pick(random, [1.5, 2.5, 4, 6, 10, 16, 25, 35, 50]);
    const resistance = (material.resistivity * length) / section;
    return {
      given: `长度L = ${length} m、截面S = ${section} mm²的${material.name}导线（电阻率ρ = ${material.resistivity} Ω·mm²/m）`,
      facts: [
        numericFact('其电阻R', resistance, [(material.resistivity * section) / length, resistance * 1000, 2 * resistance, (material.other * length) / section], 'Ω'),
      ],
    };
  },
});

/** Minimum PE section for a phase section of the same material (S ≤ 16: S; ≤ 35: 16; above: S/2). */
export function minimumProtectiveSection(phaseSection: number): number {
  if (phaseSection <= 16) return phaseSection;
  if (phaseSection <= 35) return 16;
  return phaseSection / 2;
}

const protectiveSection = defineCustomTemplate({
  id: 'conductor-pe-section',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 3,
  types: ['single', 'judge'],
  build: ({ type, random, isTrue }) => {
    const phase = pick(random, [2.5, 4, 6, 10, 16, 25, 35, 50, 70]);
    const key = minimumProtectiveSection(phase);
    const half = STANDARD_SECTIONS.find((section) => section >= phase / 2) ?? phase;
    const nearest = STANDARD_SECTIONS.filter((section) => section <= 70).sort((left, right) => Math.abs(left - key) - Math.abs(right - key));
    const candidates = [...new Set([phase, half, 16, ...nearest])].filter((section) => section !== key);
    const given = pick(random, [
      `某配电线路相导体为${phase} mm²的铜芯导线，保护导体（PE线）与相导体材质相同`,
      `三相五线制线路中相线截面为${phase} mm²（铜芯），PE线也采用铜芯导线`,
    ]);
    if (type === 'judge') {
      const shown = isTrue ? key : pick(random, candidates.slice(0, 3));
      return { ...judgeDraft(`${given}，按规范PE线的最小截面为${sectionText(shown)}`, isTrue), signatures: [`conductor-pe-section|${type}|${given}`] };
    }
    const stem = `${given}，按规范PE线的最小截面应为${BLANK}。`;
    return { stem, ...arrangeOptions(random, [sectionText(key)], candidates.slice(0, 3).map(sectionText)), signatures: [`conductor-pe-section|${type}|${given}`] };
  },
});

const COLOURS = [
  { conductor: 'L1相线', colour: '黄色' },
  { conductor: 'L2相线', colour: '绿色' },
  { conductor: 'L3相线', colour: '红色' },
  { conductor: '中性线（N线）', colour: '淡蓝色' },
  { conductor: '保护导体（PE线）', colour: '绿/黄双色' },
];

const colourTemplates: TheoryTemplate[] = COLOURS.map(({ conductor, colour }, index) =>
  defineFactTemplate({
    id: `conductor-colour-${index + 1}`,
    knowledgePoint: KNOWLEDGE_POINT,
    difficulty: 1,
    situations: [`按国家标准，交流三相系统中的${conductor}`, `低压配电柜内配线所用的${conductor}`],
    asks: ['其绝缘颜色应为', '应采用的绝缘颜色为'],
    trueOptions: [colour],
    falseOptions: COLOURS.map((entry) => entry.colour).filter((entry) => entry !== colour),
    statements: [(option) => `应采用${option}绝缘导线`],
  }),
);

const joints = defineFactTemplate({
  id: 'conductor-joints',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['导线连接时', '在室内配线施工中连接导线时'],
  asks: ['下列做法或要求正确的是'],
  negativeAsks: ['下列做法错误的是'],
  multipleAsks: ['下列要求正确的有'],
  trueOptions: ['接头连接紧密，接触电阻小', '接头的机械强度满足要求', '接头处的绝缘恢复良好', '铜导线与铝导线连接时采取铜铝过渡措施'],
  falseOptions: ['铜导线与铝导线可以直接绞接', '导线接头可以设在穿线管内', '接头处恢复的绝缘可以低于原导线的绝缘水平'],
  statements: [(option) => option],
});

const selectionConditions = defineFactTemplate({
  id: 'conductor-selection-conditions',
  knowledgePoint: KNOWLEDGE_POINT,
  difficulty: 2,
  situations: ['', '选择低压配电线路的导线截面时', '设计车间动力线路时'],
  asks: ['应考虑的条件之一是'],
  multipleAsks: ['应满足的条件有'],
  trueOptions: ['发热条件（允许载流量）', '允许电压损失', '机械强度', '与保护电器的配合'],
  falseOptions: ['导线绝缘层的颜色', '当地电价的高低', '导线的生产批号'],
  statements: [(option) => `应考虑${option}`],
});

/** Templates of knowledge point 3.1 导线截面选择. */
export const CONDUCTOR_TEMPLATES: readonly TheoryTemplate[] = [
  sizingByAmpacity,
  voltageDrop,
  sectionForDrop,
  conductorResistance,
  protectiveSection,
  ...colourTemplates,
  joints,
  selectionConditions,
];
