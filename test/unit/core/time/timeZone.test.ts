import * as assert from 'node:assert';
import { formatInZone, isValidTimeZone, parseDue, parseInstant, zoneOffsetMinutes } from '../../../../src/core/time/timeZone';

const utc = (text: string): number => Date.parse(text);

describe('timeZone', () => {
  describe('isValidTimeZone', () => {
    it('accepts IANA names and UTC', () => {
      assert.deepStrictEqual(
        ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Lord_Howe', 'UTC'].map(isValidTimeZone),
        [true, true, true, true, true],
      );
    });
    it('rejects unknown names and empty text', () => {
      assert.deepStrictEqual(['Mars/Olympus', 'Europe/Berln', '', 'EST5EDT/x'].map(isValidTimeZone), [false, false, false, false]);
    });
  });

  describe('parseInstant: absolute times', () => {
    it('reads Z as UTC whatever the zone', () => {
      assert.strictEqual(parseInstant('2026-12-20T00:00:00Z', 'Asia/Tokyo'), utc('2026-12-20T00:00:00Z'));
    });
    it('reads an explicit offset with and without a colon', () => {
      assert.strictEqual(parseInstant('2026-12-20T10:00+05:30', 'UTC'), utc('2026-12-20T04:30:00Z'));
      assert.strictEqual(parseInstant('2026-12-20T10:00-0800', 'UTC'), utc('2026-12-20T18:00:00Z'));
    });
    it('keeps milliseconds', () => {
      assert.strictEqual(parseInstant('2026-12-20T00:00:00.5Z', 'UTC'), utc('2026-12-20T00:00:00.500Z'));
    });
  });

  describe('parseInstant: local times', () => {
    it('reads a date alone as 00:00 local', () => {
      assert.strictEqual(parseInstant('2026-12-20', 'Asia/Tokyo'), utc('2026-12-19T15:00:00Z'));
    });
    it('accepts T or a space between date and time, with or without seconds', () => {
      const expected = utc('2026-12-20T23:00:00Z');
      assert.deepStrictEqual(
        ['2026-12-20T18:00', '2026-12-20 18:00', '2026-12-20 18:00:00'].map((text) => parseInstant(text, 'America/New_York')),
        [expected, expected, expected],
      );
    });
    it('uses the summer offset in summer (Europe/Berlin)', () => {
      assert.strictEqual(parseInstant('2026-07-01 12:00', 'Europe/Berlin'), utc('2026-07-01T10:00:00Z'));
    });
    it('moves a time inside the New York spring-forward gap forward by the gap', () => {
      assert.strictEqual(parseInstant('2026-03-08 02:30', 'America/New_York'), utc('2026-03-08T07:30:00Z'));
    });
    it('takes the earlier instant of an ambiguous New York fall-back time', () => {
      assert.strictEqual(parseInstant('2026-11-01 01:30', 'America/New_York'), utc('2026-11-01T05:30:00Z'));
    });
    it('resolves both Berlin transitions', () => {
      assert.strictEqual(parseInstant('2026-03-29 02:30', 'Europe/Berlin'), utc('2026-03-29T01:30:00Z'));
      assert.strictEqual(parseInstant('2026-10-25 02:30', 'Europe/Berlin'), utc('2026-10-25T00:30:00Z'));
    });
    it('handles the 30-minute Lord Howe transitions', () => {
      // DST ends 2026-04-05 02:00 → 01:30 (01:45 happens twice); starts 2026-10-04 02:00 → 02:30.
      assert.strictEqual(parseInstant('2026-04-05 01:45', 'Australia/Lord_Howe'), utc('2026-04-04T14:45:00Z'));
      assert.strictEqual(parseInstant('2026-10-04 02:15', 'Australia/Lord_Howe'), utc('2026-10-03T15:45:00Z'));
    });
    it('rejects impossible dates, times and offsets', () => {
      assert.deepStrictEqual(
        ['2026-02-30', '2026-13-01', '2026-12-20 24:00', '2026-12-20 12:60', '2026-12-20T10:00+24:00'].map((text) =>
          parseInstant(text, 'UTC'),
        ),
        [undefined, undefined, undefined, undefined, undefined],
      );
    });
    it('rejects other formats', () => {
      assert.deepStrictEqual(
        ['tomorrow', '20/12/2026', '2026-12-20T18', '2026-12-20 6pm', ''].map((text) => parseInstant(text, 'UTC')),
        [undefined, undefined, undefined, undefined, undefined],
      );
    });
    it('accepts a leap day only in leap years', () => {
      assert.deepStrictEqual(
        [parseInstant('2028-02-29', 'UTC'), parseInstant('2027-02-29', 'UTC')],
        [utc('2028-02-29T00:00:00Z'), undefined],
      );
    });
    it('returns undefined for a local time in an unknown zone', () => {
      assert.strictEqual(parseInstant('2026-12-20', 'Mars/Olympus'), undefined);
    });
  });

  describe('parseDue', () => {
    it('makes a date alone the last millisecond of that local day', () => {
      assert.deepStrictEqual(parseDue('2026-12-20', 'America/New_York'), {
        at: utc('2026-12-21T04:59:59.999Z'),
        dateOnly: true,
      });
    });
    it('ends the day of a DST change at the next local midnight', () => {
      // 2026-03-29 in Berlin is 23 hours long.
      assert.deepStrictEqual(parseDue('2026-03-29', 'Europe/Berlin'), { at: utc('2026-03-29T21:59:59.999Z'), dateOnly: true });
    });
    it('keeps a date-time as written', () => {
      assert.deepStrictEqual(parseDue('2026-12-20 12:00', 'Asia/Tokyo'), { at: utc('2026-12-20T03:00:00Z'), dateOnly: false });
    });
    it('returns undefined for text that is not a time', () => {
      assert.strictEqual(parseDue('next week', 'UTC'), undefined);
    });
  });

  describe('zoneOffsetMinutes', () => {
    it('follows DST in New York and not in Tokyo', () => {
      assert.deepStrictEqual(
        [
          zoneOffsetMinutes(utc('2026-01-15T12:00:00Z'), 'America/New_York'),
          zoneOffsetMinutes(utc('2026-07-15T12:00:00Z'), 'America/New_York'),
          zoneOffsetMinutes(utc('2026-01-15T12:00:00Z'), 'Asia/Tokyo'),
          zoneOffsetMinutes(utc('2026-07-15T12:00:00Z'), 'Asia/Tokyo'),
        ],
        [-300, -240, 540, 540],
      );
    });
    it('has a 30-minute DST step on Lord Howe', () => {
      assert.deepStrictEqual(
        [zoneOffsetMinutes(utc('2026-01-15T00:00:00Z'), 'Australia/Lord_Howe'), zoneOffsetMinutes(utc('2026-07-15T00:00:00Z'), 'Australia/Lord_Howe')],
        [660, 630],
      );
    });
  });

  describe('formatInZone', () => {
    it('writes the local wall-clock time with the zone abbreviation', () => {
      assert.strictEqual(formatInZone(utc('2026-12-20T05:00:00Z'), 'America/New_York'), '2026-12-20 00:00 EST');
    });
    it('writes a numeric abbreviation where the zone has no English name', () => {
      assert.strictEqual(formatInZone(utc('2026-07-01T00:00:00Z'), 'Europe/Berlin'), '2026-07-01 02:00 GMT+2');
    });
    it('falls back to UTC for an unknown zone', () => {
      assert.strictEqual(formatInZone(utc('2026-07-01T00:00:00Z'), 'Mars/Olympus'), '2026-07-01 00:00 UTC');
    });
  });
});
