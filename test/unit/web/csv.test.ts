import { describe, expect, it } from 'vitest';
import { toCsv, toJson, type CsvColumn } from '../../../web/src/lib/public/csv';

interface Row {
  name: string;
  value: number | undefined;
}

const columns: CsvColumn<Row>[] = [
  { header: '指标', value: (row) => row.name },
  { header: '数值', value: (row) => row.value },
];

describe('CSV downloads', () => {
  it('starts with a BOM and ends lines with CRLF, so Excel reads the Chinese headers', () => {
    const csv = toCsv(columns, [{ name: '全员劳动生产率', value: 175000 }]);
    expect(csv).toBe('\uFEFF指标,数值\r\n全员劳动生产率,175000\r\n');
  });

  it('quotes commas, quotes and line breaks', () => {
    const csv = toCsv(columns, [{ name: '国家级及市级绿色工厂、"绿色供应链",园区\n二期', value: 62 }]);
    expect(csv.split('\r\n')[1]).toBe('"国家级及市级绿色工厂、""绿色供应链"",园区\n二期",62');
  });

  it('defuses text a spreadsheet would run as a formula, but keeps negative numbers', () => {
    const csv = toCsv(columns, [
      { name: '=HYPERLINK("x")', value: -3 },
      { name: '@cmd', value: undefined },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",-3`);
    expect(lines[2]).toBe("'@cmd,");
  });

  it('writes JSON pretty-printed with a final newline', () => {
    expect(toJson({ a: 1 })).toBe('{\n  "a": 1\n}\n');
  });
});
