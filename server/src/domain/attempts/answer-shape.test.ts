import { describe, expect, it } from 'vitest';
import { assertResponseShape } from './answer-shape';

describe('assertResponseShape', () => {
  it('R3: accepts one option for single and judge items and one or more distinct options for multiple items', () => {
    expect(() => assertResponseShape(1, { type: 'single', optionCount: 4 }, [3])).not.toThrow();
    expect(() => assertResponseShape(2, { type: 'judge', optionCount: 2 }, [1])).not.toThrow();
    expect(() => assertResponseShape(3, { type: 'multiple', optionCount: 5 }, [0, 4, 2])).not.toThrow();
    expect(() => assertResponseShape(4, { type: 'multiple', optionCount: 5 }, [1])).not.toThrow();
  });

  it('accepts an empty response as a cleared answer', () => {
    expect(() => assertResponseShape(1, { type: 'single', optionCount: 4 }, [])).not.toThrow();
  });

  it('R3: names the slot and the problem for a wrong shape', () => {
    expect(() => assertResponseShape(3, { type: 'single', optionCount: 4 }, [0, 1])).toThrow('response: slot 3 (single) takes exactly one option, got 2');
    expect(() => assertResponseShape(4, { type: 'judge', optionCount: 2 }, [2])).toThrow('response: slot 4 (judge) option 2 is outside 0..1');
    expect(() => assertResponseShape(5, { type: 'multiple', optionCount: 4 }, [1, 1])).toThrow('response: slot 5 (multiple) option 1 is given twice');
    expect(() => assertResponseShape(6, { type: 'multiple', optionCount: 4 }, [0.5])).toThrow(/outside/);
  });
});
