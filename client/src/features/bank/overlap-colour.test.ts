import { describe, expect, it } from 'vitest';
import { overlapCellColours } from './overlap-colour';

describe('overlapCellColours', () => {
  it('R2: marks a pair above the overlap limit in red', () => {
    expect(overlapCellColours(0.12, 0.1)).toEqual({ background: '#b3261e', text: '#ffffff', isOverLimit: true });
  });

  it('R2: keeps a pair at the limit within the blue scale', () => {
    expect(overlapCellColours(0.1, 0.1)).toEqual({ background: 'rgb(11, 92, 173)', text: '#ffffff', isOverLimit: false });
  });

  it('shows no overlap as white with dark text', () => {
    expect(overlapCellColours(0, 0.1)).toEqual({ background: 'rgb(255, 255, 255)', text: '#1d2733', isOverLimit: false });
  });
});
