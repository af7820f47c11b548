import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckCharacter, usccDivision, usccProblem, USCC_CHARSET, withUsccCheck } from '../../shared/uscc';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    // The standard's worked example and codes printed on public business licences.
    for (const code of ['91350100M000100Y43', '91440300708461136T', '91110000600037341L', '91310000775785552L']) expect(usccProblem(code)).toBeUndefined();
  });

  it('computes the check character with weights 3^(i−1) mod 31', () => {
    expect(usccCheckCharacter('91110000600037341')).toBe('L');
    expect(usccCheckCharacter('9131000077578555')).toBeUndefined();
  });

  it('refuses a wrong check character, a wrong length and letters outside the set', () => {
    expect(usccProblem('91110000600037341M')).toBe('checksum');
    expect(usccProblem('91110000600037341')).toBe('length');
    expect(usccProblem('91110000600037341LL')).toBe('length');
    for (const letter of ['I', 'O', 'S', 'V', 'Z']) expect(usccProblem(`9111000060003734${letter}L`)).toBe('charset');
    expect(usccProblem('91110000600037341l')).toBe('charset');
  });

  it('detects every single-character substitution', () => {
    const code = '91110000600037341L';
    for (let position = 0; position < 18; position += 1) {
      for (const replacement of USCC_CHARSET) {
        if (replacement === code[position]) continue;
        const altered = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(isValidUscc(altered), altered).toBe(false);
      }
    }
  });

  it('builds valid codes and reads the division code', () => {
    const code = withUsccCheck('91120114MA05T8K3X');
    expect(isValidUscc(code)).toBe(true);
    expect(usccDivision(code)).toBe('120114');
    expect(() => withUsccCheck('too short')).toThrow();
  });
});
