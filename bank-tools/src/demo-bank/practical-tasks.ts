/**
 * Task specs of the demo practical bank (实操试题), SkillCert's own writing: each spec draws its
 * parameters (motor ratings, timer settings, set faults, signals) from a seeded generator and
 * uses the scoring criteria of its kind (each kind's criteria sum to 100 points).
 */
import type { RandomSource } from '../assembly/random';
import type { PracticalCriterion } from '../types';
import { pick, pickSome, pickStep } from './theory-template';

/** Kinds of practical task, each with its own scoring criteria. */
export type PracticalTaskKind = 'install' | 'troubleshoot' | 'plc' | 'inverter' | 'equipment' | 'repair' | 'electronic' | 'instrument';

/** A practical task before it becomes a PracticalItem. */
export interface PracticalTaskSpec {
  knowledgePoint: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  title: string;
  kind: PracticalTaskKind;
  difficulty: number;
  /** Time limits to choose from, minutes. */
  timeLimits: readonly number[];
  /** Task text with seeded parameters. */
  task(random: RandomSource): string;
  materials: readonly string[];
  /** Set for install tasks with a time relay: adds a timer-setting deduction. */
  hasTimer?: boolean;
  extraVetoItems?: readonly string[];
}

/** Veto items 否决项 of every task: any one observed fails the task regardless of points. */
export const COMMON_VETO_ITEMS: readonly string[] = [
  '通电前未验电或未经检查即送电',
  '操作不当造成短路、跳闸或设备损坏',
  '违反安全操作规程导致人身伤害风险',
];

const UNTIL_EMPTY = '，扣完本项配分为止';

const SAFETY_CRITERION: PracticalCriterion = {
  criterion: '安全文明生产',
  maxPoints: 10,
  deductionRule: `未正确穿戴劳动防护用品扣5分；工具、仪表、材料摆放凌乱或工位不整洁扣5分${UNTIL_EMPTY}`,
};

/**
 * Scoring criteria of a task kind; maxPoints sum to 100.
 * @param hasTimer adds the time-relay setting deduction to the test run (install tasks)
 */
export function buildPracticalCriteria(kind: PracticalTaskKind, hasTimer = false): PracticalCriterion[] {
  switch (kind) {
    case 'install':
      return [
        { criterion: '元件检查与选用', maxPoints: 10, deductionRule: `电器元件漏检或错检，每处扣2分；元件型号规格选错，每只扣2分${UNTIL_EMPTY}` },
        { criterion: '元件安装', maxPoints: 15, deductionRule: `元件布置不合理、不整齐，每只扣3分；元件安装不牢固，每只扣4分；损坏元件，每只扣10分${UNTIL_EMPTY}` },
        {
          criterion: '布线工艺',
          maxPoints: 25,
          deductionRule: `未按电路图接线扣15分；布线不横平竖直、有交叉或架空，每根扣2分；接点松动、露铜过长、压绝缘层或反圈，每处扣1分；损伤导线绝缘或线芯，每根扣3分；编码套管漏套或错套，每处扣1分${UNTIL_EMPTY}`,
        },
        {
          criterion: '通电试车',
          maxPoints: 35,
          deductionRule: `热继电器整定值错误扣5分；${hasTimer ? '时间继电器整定值错误扣5分；' : ''}第一次试车不成功扣15分，第二次不成功扣25分，第三次不成功扣35分${UNTIL_EMPTY}`,
        },
        SAFETY_CRITERION,
        { criterion: '工时', maxPoints: 5, deductionRule: `每超时5 min扣2分，不足5 min按5 min计${UNTIL_EMPTY}` },
      ];
    case 'troubleshoot':
      return [
        { criterion: '故障现象观察', maxPoints: 10, deductionRule: `未经通电试验观察故障现象扣5分；故障现象描述错误，每个扣3分${UNTIL_EMPTY}` },
        { criterion: '故障分析', maxPoints: 30, deductionRule: `未在电气原理图上标出故障范围或标错，每个故障扣10分；分析思路不清扣5分${UNTIL_EMPTY}` },
        {
          criterion: '故障查找与排除',
          maxPoints: 40,
          deductionRule: `每少查出1个故障点扣15分；查出但未排除，每个扣10分；排除方法不正确（如用导线短接代替修复），每处扣5分${UNTIL_EMPTY}`,
        },
        { criterion: '仪表与工具使用', maxPoints: 10, deductionRule: `仪表使用方法不正确，每次扣2分；损坏仪表扣10分${UNTIL_EMPTY}` },
        SAFETY_CRITERION,
      ];
    case 'plc':
      return [
        { criterion: 'I/O分配与外部接线图', maxPoints: 15, deductionRule: `I/O分配表错误或遗漏，每处扣2分；PLC外部接线图画错，每处扣2分${UNTIL_EMPTY}` },
        { criterion: '程序设计', maxPoints: 25, deductionRule: `梯形图不能实现控制要求，每项扣5分；指令使用错误，每处扣2分；缺少必要的联锁，扣5分${UNTIL_EMPTY}` },
        { criterion: '安装接线', maxPoints: 20, deductionRule: `未按接线图接线扣10分；接点松动、露铜过长，每处扣1分；导线未进线槽或编码套管漏套，每处扣1分${UNTIL_EMPTY}` },
        {
          criterion: '程序输入与调试运行',
          maxPoints: 30,
          deductionRule: `不会使用编程软件输入或下载程序扣10分；第一次调试不成功扣10分，第二次不成功扣20分，第三次不成功扣30分${UNTIL_EMPTY}`,
        },
        SAFETY_CRITERION,
      ];
    case 'inverter':
      return [
        { criterion: '主电路与控制端子接线', maxPoints: 20, deductionRule: `电源进线与电动机出线接反扣10分；控制端子接线错误，每处扣3分；接点松动、露铜过长，每处扣1分${UNTIL_EMPTY}` },
        { criterion: '参数设置', maxPoints: 30, deductionRule: `参数设置错误或遗漏，每个扣5分；不会恢复出厂设置扣5分${UNTIL_EMPTY}` },
        { criterion: '运行调试', maxPoints: 30, deductionRule: `不能实现起停、正反转或调速要求，每项扣10分${UNTIL_EMPTY}` },
        { criterion: '仪表与工具使用', maxPoints: 10, deductionRule: `仪表使用方法不正确，每次扣2分；损坏仪表扣10分${UNTIL_EMPTY}` },
        SAFETY_CRITERION,
      ];
    case 'equipment':
      return [
        { criterion: '器材检查与准备', maxPoints: 10, deductionRule: `未按要求检查工具和器材扣5分；器材选用错误，每件扣2分${UNTIL_EMPTY}` },
        { criterion: '设备安装', maxPoints: 25, deductionRule: `安装位置不符合要求，每处扣3分；安装不牢固，每处扣3分；损坏器件，每件扣10分${UNTIL_EMPTY}` },
        { criterion: '接线', maxPoints: 25, deductionRule: `接线错误，每处扣5分；接点松动、露铜过长，每处扣1分；导线颜色使用不符合规定，每处扣2分${UNTIL_EMPTY}` },
        {
          criterion: '检测与通电试验',
          maxPoints: 30,
          deductionRule: `通电前未做绝缘和通断检测扣10分；第一次通电试验不成功扣10分，第二次不成功扣20分，第三次不成功扣30分${UNTIL_EMPTY}`,
        },
        SAFETY_CRITERION,
      ];
    case 'repair':
      return [
        { criterion: '拆卸', maxPoints: 20, deductionRule: `拆卸步骤不正确，每次扣3分；拆卸方法不当损伤零部件，每处扣5分；零部件未按顺序摆放扣3分${UNTIL_EMPTY}` },
        { criterion: '检查与修理', maxPoints: 30, deductionRule: `漏检或误判故障部位，每处扣5分；修理方法不正确，每处扣5分${UNTIL_EMPTY}` },
        { criterion: '装配', maxPoints: 20, deductionRule: `装配步骤不正确，每次扣3分；装配后转动不灵活或部件松动，每处扣5分；遗漏零件，每件扣5分${UNTIL_EMPTY}` },
        { criterion: '测试与试运行', maxPoints: 20, deductionRule: `未测量绝缘电阻扣5分；测量方法或结论错误，每项扣3分；试运行不成功扣10分${UNTIL_EMPTY}` },
        SAFETY_CRITERION,
      ];
    case 'electronic':
      return [
        { criterion: '元件识别与检测', maxPoints: 15, deductionRule: `元件识别错误，每只扣2分；不会用万用表检测元件，每只扣2分${UNTIL_EMPTY}` },
        { criterion: '元件插装', maxPoints: 15, deductionRule: `元件插装位置或极性错误，每只扣3分；元件排列不整齐，每只扣1分${UNTIL_EMPTY}` },
        { criterion: '焊接工艺', maxPoints: 20, deductionRule: `虚焊、漏焊或桥接，每处扣3分；焊点不光滑、有毛刺、焊料过多或过少，每处扣1分；损坏焊盘，每处扣3分${UNTIL_EMPTY}` },
        {
          criterion: '通电调试与测量',
          maxPoints: 40,
          deductionRule: `通电后不能实现电路功能扣20分；测量参数错误或漏测，每项扣5分；不会使用示波器观察波形扣10分${UNTIL_EMPTY}`,
        },
        SAFETY_CRITERION,
      ];
    case 'instrument':
      return [
        { criterion: '仪表选择与检查', maxPoints: 20, deductionRule: `仪表类型或量程选择错误，每次扣5分；使用前未检查或未调零扣5分${UNTIL_EMPTY}` },
        { criterion: '测量接线', maxPoints: 20, deductionRule: `接线错误，每处扣5分；需断电测量时未断电或未放电扣10分${UNTIL_EMPTY}` },
        { criterion: '测量操作', maxPoints: 30, deductionRule: `操作方法不正确，每次扣5分；读数错误，每次扣5分${UNTIL_EMPTY}` },
        { criterion: '数据记录与结果判断', maxPoints: 20, deductionRule: `数据记录不完整，每项扣3分；计算或结论错误，每项扣5分${UNTIL_EMPTY}` },
        SAFETY_CRITERION,
      ];
    default: {
      const unknown: never = kind;
      throw new Error(`unknown practical task kind ${String(unknown)}`);
    }
  }
}

/** Typical small motors: power (kW) and rated current (A) at 380 V. */
const SMALL_MOTORS: readonly (readonly [number, number])[] = [
  [0.75, 2.0],
  [1.1, 2.8],
  [1.5, 3.7],
  [2.2, 5.0],
  [3, 6.8],
];
const DELTA_MOTORS: readonly (readonly [number, number])[] = [
  [4, 8.8],
  [5.5, 11.6],
  [7.5, 15.4],
];

function motorText(random: RandomSource, motors: readonly (readonly [number, number])[], connection: string): string {
  const [power, current] = pick(random, motors);
  return `电动机：${power} kW、380 V、${connection}、额定电流${current.toFixed(1)} A（热继电器按额定电流整定）`;
}

const INSTALL_REQUIREMENTS = '主电路用BVR 1.5 mm²、控制电路用BVR 1 mm²导线，导线进线槽、编码套管齐全，按钮颜色符合规定，经检查后在考评员监护下通电试车';

const RELAY_MATERIALS = ['电工实训板（含线槽、导轨）', '三相四线电源（380/220 V）', '低压断路器', '熔断器及熔体', '交流接触器', '热继电器', '按钮', '接线端子排', 'BVR导线、编码套管、紧固件', '万用表', '兆欧表', '电工通用工具'];

function relayInstall(spec: {
  title: string;
  difficulty: number;
  requirement: (random: RandomSource) => string;
  motors?: readonly (readonly [number, number])[];
  connection?: string;
  extraMaterials?: readonly string[];
  hasTimer?: boolean;
  timeLimits?: readonly number[];
  motorCount?: 1 | 2;
}): PracticalTaskSpec {
  return {
    knowledgePoint: 'P1',
    title: spec.title,
    kind: 'install',
    difficulty: spec.difficulty,
    timeLimits: spec.timeLimits ?? [90, 100, 120],
    task: (random) =>
      `按给定的电气原理图完成${spec.title.replace(/的安装与调试$/u, '')}的安装与调试。${spec.requirement(random)}。${motorText(random, spec.motors ?? SMALL_MOTORS, spec.connection ?? 'Y连接')}。${INSTALL_REQUIREMENTS}。`,
    materials: [...RELAY_MATERIALS, ...(spec.extraMaterials ?? []), spec.motorCount === 2 ? '三相异步电动机（2台）' : '三相异步电动机'],
    hasTimer: spec.hasTimer,
  };
}

function troubleshoot(machine: string, faults: readonly string[], difficulty: number): PracticalTaskSpec {
  return {
    knowledgePoint: 'P1',
    title: `${machine}电气控制线路故障检修`,
    kind: 'troubleshoot',
    difficulty,
    timeLimits: [45, 60],
    task: (random) => {
      const count = pick(random, [2, 3]);
      const set = pickSome(random, faults, count);
      return `在${machine}电气控制线路（或模拟板）上由考评员设置${count}处故障（本卷设置：${set.join('；')}）。考生通电观察故障现象，在原理图上标出故障范围，用万用表查找并排除故障，恢复正常工作，填写检修记录。`;
    },
    materials: [`${machine}电气控制线路模拟板`, `${machine}电气原理图`, '万用表', '兆欧表', '验电笔', '电工通用工具', '检修记录表'],
    extraVetoItems: ['扩大故障范围或产生新的故障且不能自行修复'],
  };
}

const PLC_MATERIALS = ['PLC实训装置（含PLC主机、编程电缆）', '装有编程软件的计算机', '按钮', '交流接触器或指示灯模块', '接线端子排', 'BVR导线与编码套管', '万用表', '电工通用工具'];

function plcTask(title: string, difficulty: number, requirement: (random: RandomSource) => string, extraMaterials: readonly string[] = []): PracticalTaskSpec {
  return {
    knowledgePoint: 'P3',
    title,
    kind: 'plc',
    difficulty,
    timeLimits: [60, 90],
    task: (random) => `${requirement(random)}。要求：列出I/O分配表，画出PLC外部接线图，编写梯形图程序并输入、下载，完成接线与调试运行。`,
    materials: [...PLC_MATERIALS, ...extraMaterials],
    extraVetoItems: ['未经考评员允许擅自通电'],
  };
}

function electronicTask(title: string, difficulty: number, requirement: (random: RandomSource) => string, parts: readonly string[]): PracticalTaskSpec {
  return {
    knowledgePoint: 'P4',
    title,
    kind: 'electronic',
    difficulty,
    timeLimits: [60, 90],
    task: (random) => `按电路原理图在印制电路板上完成${title.replace(/装调$/u, '')}的焊接与调试。${requirement(random)}。`,
    materials: ['印制电路板', ...parts, '电烙铁、焊锡丝、松香', '直流稳压电源', '万用表', '示波器', '电子通用工具'],
  };
}

function instrumentTask(title: string, difficulty: number, requirement: (random: RandomSource) => string, materials: readonly string[]): PracticalTaskSpec {
  return {
    knowledgePoint: 'P5',
    title,
    kind: 'instrument',
    difficulty,
    timeLimits: [20, 30],
    task: requirement,
    materials: [...materials, '测量记录表'],
    extraVetoItems: ['量程或接线错误导致仪表损坏'],
  };
}

function seconds(random: RandomSource, min: number, max: number): number {
  return pickStep(random, min, max, 1);
}

/** All task specs of the demo practical bank (56 tasks: P1 16, P2 12, P3 11, P4 9, P5 8). */
export const PRACTICAL_TASK_SPECS: readonly PracticalTaskSpec[] = [
  // P1 继电控制电路装调
  relayInstall({ title: '带过载保护的单向连续运行控制电路的安装与调试', difficulty: 2, requirement: () => '电路具有短路、过载、欠压和失压保护，并装设运行指示灯', extraMaterials: ['指示灯'] }),
  relayInstall({ title: '点动与连续运行混合控制电路的安装与调试', difficulty: 2, requirement: () => '用复合按钮实现点动，另设起动按钮实现连续运行' }),
  relayInstall({ title: '接触器联锁正反转控制电路的安装与调试', difficulty: 3, requirement: () => '正转、反转接触器之间设置电气联锁，停止后方可换向' }),
  relayInstall({ title: '按钮和接触器双重联锁正反转控制电路的安装与调试', difficulty: 3, requirement: () => '按钮联锁与接触器联锁同时设置，可直接按反向按钮换向' }),
  relayInstall({ title: '工作台自动往返控制电路的安装与调试', difficulty: 3, requirement: () => '用两只行程开关实现自动往返，另设两只行程开关作终端限位保护', extraMaterials: ['行程开关'] }),
  relayInstall({
    title: '时间继电器控制的星-三角降压起动电路的安装与调试',
    difficulty: 4,
    requirement: (random) => `起动时定子绕组接成星形，经时间继电器延时${seconds(random, 4, 10)} s后自动换接成三角形运行`,
    motors: DELTA_MOTORS,
    connection: '△连接',
    extraMaterials: ['时间继电器'],
    hasTimer: true,
    timeLimits: [120, 150],
  }),
  relayInstall({ title: '两台电动机顺序起动、逆序停止控制电路的安装与调试', difficulty: 3, requirement: () => 'M1起动后M2才能起动，M2停止后M1才能停止', motorCount: 2 }),
  relayInstall({
    title: '两台电动机顺序自动起动控制电路的安装与调试',
    difficulty: 4,
    requirement: (random) => `按下起动按钮M1起动，经时间继电器延时${seconds(random, 3, 8)} s后M2自动起动，按下停止按钮两台同时停止`,
    extraMaterials: ['时间继电器'],
    motorCount: 2,
    hasTimer: true,
  }),
  relayInstall({ title: '两地控制的单向连续运行电路的安装与调试', difficulty: 2, requirement: () => '在甲、乙两地均能起动和停止电动机，起动按钮并联、停止按钮串联' }),
  relayInstall({
    title: '定子绕组串电阻降压起动控制电路的安装与调试',
    difficulty: 3,
    requirement: (random) => `起动时定子回路串入起动电阻，经时间继电器延时${seconds(random, 3, 8)} s后短接电阻全压运行`,
    extraMaterials: ['起动电阻', '时间继电器'],
    hasTimer: true,
  }),
  relayInstall({ title: '单向运行反接制动控制电路的安装与调试', difficulty: 4, requirement: () => '停车时接入反相序电源制动，由速度继电器在转速接近零时切除制动电源', extraMaterials: ['速度继电器', '限流电阻'] }),
  relayInstall({
    title: '单向运行能耗制动控制电路的安装与调试',
    difficulty: 4,
    requirement: (random) => `停车时向定子绕组通入直流电流制动，制动时间由时间继电器控制（整定${seconds(random, 2, 5)} s）`,
    extraMaterials: ['整流二极管或整流桥', '制动变压器', '时间继电器'],
    hasTimer: true,
  }),
  relayInstall({ title: '双速异步电动机低速起动高速运行控制电路的安装与调试', difficulty: 4, requirement: (random) => `低速时定子绕组△连接，高速时换接为YY连接；低速起动后经时间继电器延时${seconds(random, 3, 8)} s自动转为高速运行，高低速之间设联锁`, motors: [[1.5, 3.7], [2.2, 5.0]], connection: '△/YY双速', extraMaterials: ['时间继电器'], hasTimer: true }),
  troubleshoot('C6140型车床', ['主轴电动机不能起动', '主轴电动机只能点动不能连续运行', '冷却泵电动机不能起动', '刀架快速移动电动机不能点动', '照明灯不亮', '控制电路无电源'], 4),
  troubleshoot('M7130型平面磨床', ['电磁吸盘无吸力', '电磁吸盘吸力不足', '砂轮电动机不能起动', '液压泵电动机不能起动', '冷却泵电动机不能起动', '照明灯不亮'], 4),
  troubleshoot('Z37型摇臂钻床', ['零压继电器不能吸合，控制电路不工作', '主轴电动机不能起动', '摇臂不能上升', '摇臂不能下降', '立柱不能松开或夹紧', '冷却泵电动机不能起动'], 5),
  // P2 电气设备装调与维修
  {
    knowledgePoint: 'P2',
    title: '单相电能表计量的照明电路安装',
    kind: 'equipment',
    difficulty: 2,
    timeLimits: [60, 90],
    task: (random) => `在配电板上安装单相电能表、剩余电流动作断路器和${pick(random, ['两只', '三只'])}照明灯，其中一盏灯用两只双控开关实现两地控制，另设一个带开关的插座，相线进开关，插座接线左零右火上接地。`,
    materials: ['配电板', '单相电能表', '剩余电流动作断路器', '双控开关', '单控开关', '灯座与灯泡', '三孔插座', 'BV导线', '万用表', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: '三相四线有功电能表经电流互感器接线',
    kind: 'equipment',
    difficulty: 4,
    timeLimits: [60, 90],
    task: (random) => `按接线图将三相四线有功电能表经三只${pick(random, [75, 100, 150, 200])}/5 A电流互感器接入线路，电流互感器二次侧一点接地，接线完成后通电核对电能表正转，并计算计量倍率。`,
    materials: ['三相四线有功电能表', '电流互感器（3只）', '接线盒', '三相负载', 'BV导线', '万用表', '钳形电流表', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: '小型动力配电箱安装与接线',
    kind: 'equipment',
    difficulty: 3,
    timeLimits: [90, 120],
    task: (random) => `完成一只配电箱的安装与接线：进线总断路器一只，出线回路${pick(random, [3, 4])}路（含一路剩余电流动作断路器插座回路），N排与PE排分设，导线颜色符合规定，完成后进行绝缘电阻测量和通电试验。`,
    materials: ['配电箱箱体', '低压断路器', '剩余电流动作断路器', 'N排与PE排', '导轨', 'BV导线（黄、绿、红、淡蓝、绿/黄）', '兆欧表', '万用表', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: '三相异步电动机定子绕组首尾端判别与接线',
    kind: 'equipment',
    difficulty: 3,
    timeLimits: [45, 60],
    task: (random) => `对一台${pick(random, ['1.1 kW', '1.5 kW', '2.2 kW', '3 kW'])}三相异步电动机的六个出线端，用${pick(random, ['万用表和干电池', '36 V交流电源和灯泡'])}法判别三相绕组的首尾端，按铭牌要求在接线盒内接成规定的连接方式，测量绝缘电阻后通电试运行。`,
    materials: ['三相异步电动机（出线端标记已去除）', '万用表', '干电池或36 V交流电源', '兆欧表', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: '三相异步电动机拆装与检查',
    kind: 'repair',
    difficulty: 3,
    timeLimits: [90, 120],
    task: (random) => `拆卸一台${pick(random, ['1.1 kW', '1.5 kW', '2.2 kW'])}三相异步电动机的端盖、转子和轴承，检查轴承与绕组，清洁后重新装配；装配后用兆欧表测量绕组对地及相间绝缘电阻，并空载试运行${pick(random, [5, 10])} min。`,
    materials: ['三相异步电动机', '拉具', '木槌或铜棒', '兆欧表', '万用表', '钳形电流表', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: '单相变压器绕组极性测定与电压比测量',
    kind: 'equipment',
    difficulty: 3,
    timeLimits: [45, 60],
    task: (random) => `用${pick(random, ['直流感应法', '交流电压法'])}测定一台单相控制变压器一、二次绕组的同名端，在一次侧加额定电压测量二次电压，计算电压比并与铭牌值比较。`,
    materials: ['单相控制变压器', '干电池与开关', '交流电源', '万用表', '兆欧表', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: '软起动器的接线、参数设置与运行',
    kind: 'equipment',
    difficulty: 4,
    timeLimits: [60, 90],
    task: (random) => `识别软起动器的电源输入端、输出端和控制端子，完成主电路与控制电路接线，设置起始电压${pick(random, [30, 40, 50])}%、起动时间${pick(random, [10, 15, 20])} s、停车方式为自由停车，起动电动机并观察起动电流变化。`,
    materials: ['软起动器', '低压断路器', '三相异步电动机', '按钮', '钳形电流表', '万用表', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: '交流接触器拆装与检修',
    kind: 'repair',
    difficulty: 2,
    timeLimits: [45, 60],
    task: (random) => `拆开一只${pick(random, ['CJX2-12', 'CJX2-18', 'CJX2-25'])}型（或同类）交流接触器，检查触点、短路环、铁心和线圈，修整触点，装配后测量线圈电阻和触点通断，通电检查吸合与释放是否正常、有无异常噪声。`,
    materials: ['交流接触器', '什锦锉与细砂纸', '万用表', '可调交流电源', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: '低压断路器与热继电器的整定与调试',
    kind: 'equipment',
    difficulty: 3,
    timeLimits: [45, 60],
    task: (random) => `按一台${pick(random, ['2.2 kW（额定电流5.0 A）', '3 kW（额定电流6.8 A）', '4 kW（额定电流8.8 A）'])}电动机选择并整定电动机保护用断路器和热继电器，完成单向运行主电路接线，通电运行后用钳形电流表核对运行电流。`,
    materials: ['电动机保护用断路器', '热继电器', '交流接触器', '三相异步电动机', '钳形电流表', '万用表', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: '施工现场末级开关箱安装',
    kind: 'equipment',
    difficulty: 3,
    timeLimits: [60, 90],
    task: (random) => `按“一机、一闸、一漏、一箱”的要求安装一只开关箱，控制一台${pick(random, ['1.5 kW', '2.2 kW', '3 kW'])}用电设备，剩余电流动作保护器额定剩余动作电流不大于30 mA、动作时间不大于0.1 s，箱体PE端子可靠连接，完成后用漏电保护测试仪检测动作值。`,
    materials: ['开关箱箱体', '隔离开关', '剩余电流动作断路器', 'PE端子排', 'BV导线', '漏电保护测试仪', '兆欧表', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: 'LED照明与应急照明回路安装',
    kind: 'equipment',
    difficulty: 2,
    timeLimits: [45, 60],
    task: (random) => `安装${pick(random, ['两盏', '三盏'])}LED灯具和一只应急照明灯，LED灯由一只单控开关控制，应急照明灯接在专用回路上，断开正常电源后检查应急照明是否自动点亮。`,
    materials: ['LED灯具', '应急照明灯', '单控开关', '小型断路器', 'BV导线', '万用表', '电工通用工具'],
  },
  {
    knowledgePoint: 'P2',
    title: '三相异步电动机运行前检查与试运行',
    kind: 'equipment',
    difficulty: 2,
    timeLimits: [45, 60],
    task: (random) => `对一台停用较久的${pick(random, ['1.5 kW', '2.2 kW', '3 kW', '4 kW'])}三相异步电动机进行运行前检查：核对铭牌与接线方式，测量绕组绝缘电阻，检查转动是否灵活，接线后空载试运行，测量三相空载电流并判断是否平衡。`,
    materials: ['三相异步电动机', '兆欧表', '钳形电流表', '万用表', '转速表', '电工通用工具'],
  },
  // P3 自动控制电路装调（PLC与变频器）
  plcTask('PLC控制三相异步电动机正反转', 3, () => '用PLC控制一台电动机的正转、反转和停止，正反转之间设软件联锁和接触器硬件联锁，具有过载保护', ['三相异步电动机', '热继电器']),
  plcTask('PLC控制星-三角降压起动', 4, (random) => `用PLC控制电动机星-三角降压起动，星形起动${seconds(random, 4, 8)} s后自动切换为三角形运行，切换时星形接触器断开后三角形接触器再吸合`, ['三相异步电动机（△连接）']),
  plcTask('PLC控制两台电动机顺序起动逆序停止', 3, (random) => `按下起动按钮M1起动，${seconds(random, 3, 6)} s后M2自动起动；按下停止按钮M2先停，${seconds(random, 3, 6)} s后M1停止`),
  plcTask('PLC控制工作台自动往返', 3, (random) => `用PLC和两只限位开关控制工作台自动往返，往返${pick(random, [3, 4, 5])}次后自动停在原位，两端设极限保护`, ['行程开关']),
  plcTask('PLC控制十字路口交通信号灯', 3, (random) => `东西、南北两个方向红、黄、绿灯按周期自动循环，绿灯亮${pick(random, [20, 25, 30])} s后闪烁3 s，黄灯亮2 s，按停止按钮全部熄灭`, ['交通灯模拟模块']),
  plcTask('PLC控制三级皮带运输机', 4, (random) => `三台皮带电动机按M1→M2→M3的顺序每隔${seconds(random, 3, 6)} s起动，停止时按M3→M2→M1的顺序每隔${seconds(random, 3, 6)} s停止，任一台过载时其上游电动机立即停止`, ['皮带运输机模拟模块']),
  plcTask('PLC控制液体混合装置', 4, (random) => `按下起动按钮，先注入液体A至中液位，再注入液体B至高液位，搅拌${seconds(random, 5, 10)} s后放出混合液至低液位，再延时${seconds(random, 2, 5)} s关闭出料阀，循环运行`, ['液体混合模拟模块']),
  plcTask('光电开关与PLC计数控制', 3, (random) => `安装调试一只${pick(random, ['漫反射式', '对射式'])}光电开关，用PLC对通过的工件计数，每满${pick(random, [5, 6, 8, 10])}件指示灯亮并停止传送带，按复位按钮重新计数`, ['光电开关', '传送带模拟装置']),
  plcTask('接近开关的选用安装与PLC控制', 3, (random) => `根据检测对象（${pick(random, ['金属工件', '塑料工件'])}）选择电感式或电容式接近开关，安装并调整检测距离，用PLC实现检测到工件后延时${seconds(random, 2, 5)} s推出工件`, ['电感式接近开关', '电容式接近开关']),
  {
    knowledgePoint: 'P3',
    title: '变频器面板操作控制电动机正反转与调速',
    kind: 'inverter',
    difficulty: 3,
    timeLimits: [45, 60],
    task: (random) => `完成变频器主电路接线，恢复出厂设置后设置电动机铭牌参数、加速时间${pick(random, [5, 8, 10])} s、减速时间${pick(random, [5, 8, 10])} s、运行频率${pick(random, [25, 30, 35, 40])} Hz，用操作面板控制电动机正转、反转与停止，并用面板调节运行频率。`,
    materials: ['通用变频器', '低压断路器', '三相异步电动机', '万用表', '电工通用工具'],
    extraVetoItems: ['将电源接到变频器输出端'],
  },
  {
    knowledgePoint: 'P3',
    title: '变频器外部端子控制多段速运行',
    kind: 'inverter',
    difficulty: 4,
    timeLimits: [60, 90],
    task: (random) => {
      const speeds = pickSome(random, [10, 15, 20, 25, 30, 35, 40, 45, 50], 3).sort((left, right) => left - right);
      return `用外部开关（或PLC输出）接入变频器多段速端子，设置三段速度分别为${speeds.join(' Hz、')} Hz，实现电动机按段速运行及正反转控制，记录各段速下的输出频率和电流。`;
    },
    materials: ['通用变频器', '开关或PLC实训装置', '三相异步电动机', '万用表', '电工通用工具'],
    extraVetoItems: ['将电源接到变频器输出端'],
  },
  // P4 电子电路装调
  electronicTask('单相桥式整流电容滤波电路装调', 2, (random) => {
    const secondary = pick(random, [9, 12, 15, 18]);
    return `变压器二次电压${secondary} V，测量空载与带负载时的输出电压，用示波器观察整流和滤波后的波形，并与估算值（约${Math.round(secondary * 1.2 * 10) / 10} V）比较`;
  }, ['电源变压器', '整流二极管（4只）', '电解电容', '负载电阻']),
  electronicTask('串联型可调稳压电源装调', 4, (random) => `输出电压可在${pick(random, ['3～9 V', '5～12 V', '6～15 V'])}范围内调节，测量调整管和比较放大管的静态电压，记录输出电压调节范围`, ['调整管与比较放大管', '稳压二极管', '电位器', '电阻电容']),
  electronicTask('三端集成稳压电源装调', 2, (random) => `使用${pick(random, ['7805', '7809', '7812'])}三端集成稳压器，测量输入、输出电压和稳压器压降，改变负载时观察输出电压变化`, ['三端集成稳压器', '整流桥', '电解电容', '负载电阻']),
  electronicTask('单管共射极放大电路装调', 3, (random) => `调整基极偏置电阻使集电极静态电流约为${pick(random, [1, 1.5, 2])} mA，测量静态工作点，输入1 kHz正弦信号，用示波器观察输入、输出波形并估算电压放大倍数`, ['晶体管', '电阻', '电解电容', '电位器']),
  electronicTask('555定时器多谐振荡器装调', 3, (random) => `用555定时器组成多谐振荡器驱动发光二极管闪烁，振荡频率约${pick(random, [1, 2, 5])} Hz，用示波器测量输出矩形波的周期和占空比`, ['555定时器', '电阻电容', '发光二极管']),
  electronicTask('单相晶闸管调光电路装调', 4, () => '由单结晶体管触发电路控制晶闸管导通角，调节电位器使灯泡亮度连续变化，用示波器观察触发脉冲与负载电压波形（注意电路带市电，测量时使用隔离措施）', ['晶闸管', '单结晶体管', '整流二极管', '电位器', '灯泡']),
  electronicTask('声光控延时开关电路装调', 3, (random) => `白天有声音时灯不亮，夜间有声音时灯亮约${pick(random, [15, 20, 30])} s后自动熄灭，测量各级静态电压`, ['驻极体话筒', '光敏电阻', '晶体管', '晶闸管或继电器', '电阻电容']),
  electronicTask('光控路灯电路装调', 2, () => '环境光线变暗时继电器吸合使灯点亮，光线变亮时熄灭，调节电位器改变动作灵敏度，测量动作时光敏电阻两端电压', ['光敏电阻', '晶体管', '继电器', '电位器', '续流二极管']),
  electronicTask('OTL功率放大电路装调', 4, (random) => `调整中点电压为电源电压的一半（电源${pick(random, [9, 12])} V），输入1 kHz信号，用示波器观察输出波形有无交越失真并测量最大不失真输出电压`, ['互补对称功放管', '推动管', '电解电容', '扬声器或负载电阻']),
  // P5 仪器仪表使用
  instrumentTask('用直流单臂电桥测量电阻', 2, (random) => `用直流单臂电桥分别测量${pickSome(random, ['约20 Ω', '约150 Ω', '约1.5 kΩ', '约12 kΩ', '一台电动机定子绕组'], 3).join('、')}的电阻，正确选择比较臂倍率，记录读数并计算被测电阻。`, ['直流单臂电桥', '被测电阻', '电动机']),
  instrumentTask('用直流双臂电桥测量小电阻', 3, (random) => `用直流双臂电桥测量${pick(random, ['一段铜导线', '接触器触点', '电流表分流器'])}的电阻（小于1 Ω），正确连接电流端和电位端，记录读数。`, ['直流双臂电桥', '被测小电阻', '连接导线']),
  instrumentTask('用示波器和信号发生器测量波形参数', 3, (random) => `用信号发生器输出${pick(random, ['正弦波', '三角波', '矩形波'])}，频率${pick(random, ['500 Hz', '1 kHz', '2 kHz', '5 kHz'])}、幅值${pick(random, ['1 V', '2 V', '3 V'])}（峰值），用示波器测量其幅值、周期和频率并记录。`, ['信号发生器', '双踪示波器', '探头与连接线']),
  instrumentTask('用兆欧表测量电动机绝缘电阻和吸收比', 2, (random) => `用兆欧表测量一台${pick(random, ['1.5 kW', '2.2 kW', '3 kW', '4 kW'])}三相异步电动机绕组对地和相间绝缘电阻，记录15 s和60 s读数，计算吸收比并判断绝缘状况。`, ['兆欧表', '三相异步电动机', '放电棒']),
  instrumentTask('用钳形电流表测量电动机运行电流', 1, (random) => `用钳形电流表测量一台${pick(random, ['2.2 kW', '3 kW', '4 kW'])}三相异步电动机空载运行时的三相电流，判断三相电流是否平衡，并说明量程选择方法。`, ['钳形电流表', '运行中的三相异步电动机']),
  instrumentTask('用接地电阻测试仪测量接地电阻', 3, (random) => `用接地电阻测试仪测量${pick(random, ['配电室接地装置', '设备保护接地装置', '重复接地装置'])}的接地电阻，按规定距离布置电压极和电流极，记录读数并判断是否满足要求。`, ['接地电阻测试仪', '辅助接地钎与测试线']),
  instrumentTask('用万用表判别晶体管管脚和类型', 2, (random) => `用万用表判别${pick(random, [2, 3])}只晶体管的类型（NPN或PNP）和三个管脚，并检测二极管的正负极和好坏。`, ['指针式或数字式万用表', '晶体管', '二极管']),
  instrumentTask('用电压表、电流表和功率表测量单相负载功率因数', 3, (random) => `按图连接电压表、电流表和功率表，测量${pick(random, ['荧光灯', '电动机', '感性负载箱'])}的电压、电流和有功功率，计算视在功率和功率因数。`, ['交流电压表', '交流电流表', '功率表', '单相负载']),
];

