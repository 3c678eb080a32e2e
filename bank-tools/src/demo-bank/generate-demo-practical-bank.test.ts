import { describe, expect, it } from 'vitest';
import { assemblePracticalLibrary } from '../assembly/assemble-practical-library';
import { generateDemoPracticalBank } from './generate-demo-practical-bank';
import { createDemoPracticalBlueprint } from './practical-blueprint';
import { COMMON_VETO_ITEMS } from './practical-tasks';

const tasks = generateDemoPracticalBank({ seed: 'demo-practical-test' });
const blueprint = createDemoPracticalBlueprint();
const PAPER_COUNT = 5;

describe('generateDemoPracticalBank', () => {
  it('R1: holds at least 50 practical tasks with distinct titles', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(50);
    expect(new Set(tasks.map((task) => task.title)).size).toBe(tasks.length);
  });

  it('gives every task text, materials, a time limit in whole minutes and difficulty 1-5', () => {
    for (const task of tasks) {
      expect(task.kind).toBe('practical');
      expect(task.task.length).toBeGreaterThan(20);
      expect(task.materials.length).toBeGreaterThan(0);
      expect(new Set(task.materials).size, task.title).toBe(task.materials.length);
      expect(Number.isInteger(task.timeLimitMinutes) && task.timeLimitMinutes > 0).toBe(true);
      expect(Number.isInteger(task.difficulty)).toBe(true);
      expect(task.difficulty).toBeGreaterThanOrEqual(1);
      expect(task.difficulty).toBeLessThanOrEqual(5);
      expect(task.task, task.title).not.toMatch(/NaN|undefined|\$\{/u);
    }
  });

  it('scores every task out of 100 points with a deduction rule per criterion', () => {
    for (const task of tasks) {
      expect(task.criteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0), task.title).toBe(100);
      for (const criterion of task.criteria) {
        expect(criterion.maxPoints).toBeGreaterThan(0);
        expect(criterion.criterion.length).toBeGreaterThan(0);
        expect(criterion.deductionRule).toMatch(/扣\d+分/u);
      }
    }
  });

  it('lists at least one veto item 否决项 per task, including the common safety vetoes', () => {
    for (const task of tasks) {
      expect(task.vetoItems.length).toBeGreaterThanOrEqual(1);
      expect(task.vetoItems).toEqual(expect.arrayContaining([...COMMON_VETO_ITEMS]));
    }
  });

  it('assigns every task a knowledge point of the practical blueprint, whose weights sum to 1', () => {
    const codes = new Set(blueprint.nodes.map((node) => node.code));
    expect(blueprint.nodes.reduce((sum, node) => sum + node.weight, 0)).toBeCloseTo(1, 9);
    for (const task of tasks) expect(codes.has(task.knowledgePoint ?? '')).toBe(true);
    for (const entry of blueprint.paperStructure) expect(codes.has(entry.knowledgePoint)).toBe(true);
  });

  it('is deterministic for one seed and different for another', () => {
    expect(generateDemoPracticalBank({ seed: 'demo-practical-test' })).toEqual(tasks);
    const other = generateDemoPracticalBank({ seed: 'another-seed' });
    expect(other.map((task) => task.task)).not.toEqual(tasks.map((task) => task.task));
    expect(other.map((task) => task.title)).toEqual(tasks.map((task) => task.title));
  });

  it('R2: holds at least five papers of tasks for every knowledge point of the suggested paper', () => {
    for (const entry of blueprint.paperStructure) {
      const available = tasks.filter((task) => task.knowledgePoint === entry.knowledgePoint).length;
      expect(available, entry.knowledgePoint).toBeGreaterThanOrEqual(PAPER_COUNT * entry.count);
    }
  });

  it('R1, R2: lets the assembler build five practical papers of the suggested structure at <= 10% overlap', () => {
    const result = assemblePracticalLibrary({
      items: tasks.map((task, index) => ({
        id: `task-${String(index + 1).padStart(3, '0')}`,
        knowledgePoint: task.knowledgePoint ?? '',
        timeLimitMinutes: task.timeLimitMinutes,
        points: 100,
      })),
      blueprint: blueprint.paperStructure,
      paperCount: PAPER_COUNT,
      maxOverlap: 0.1,
      seed: 'demo-practical-library',
    });
    expect(result.ok, result.ok ? '' : JSON.stringify(result.infeasibility)).toBe(true);
    if (!result.ok) return;
    expect(result.library.papers).toHaveLength(PAPER_COUNT);
    const matrix = result.library.overlapMatrix;
    for (let row = 0; row < matrix.length; row += 1) {
      for (let column = 0; column < matrix.length; column += 1) {
        if (row !== column) expect(matrix[row][column]).toBeLessThanOrEqual(0.1);
      }
    }
  });
});
