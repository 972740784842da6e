// One formatter for dates, times, salaries and money (core/format): the boundaries where pages, widgets and exports
// used to disagree — midnight in Beijing against midnight in UTC, thousands rounded to 8k instead of 7.5k, amounts
// below a thousand, and values that are absent.
import { expect } from 'chai';
import { formatDate, formatDateTime, formatSalary, money, validUntil } from '../../core/format/index.js';
import { HELPERS } from '../../core/theming/helpers/index.js';
import Handlebars from 'handlebars';

describe('core/format', () => {
  describe('formatDate', () => {
    it('reads an instant as its Beijing date, on both sides of midnight', () => {
      expect(formatDate('2027-05-30T15:59:59Z')).to.equal('2027-05-30');
      expect(formatDate('2027-05-30T16:00:00Z')).to.equal('2027-05-31');
      expect(formatDate('2027-05-31T00:00:00+08:00')).to.equal('2027-05-31');
      expect(formatDate('2027-05-31T23:59:59+08:00')).to.equal('2027-05-31');
      expect(formatDate(new Date('2027-12-31T16:00:00Z'))).to.equal('2028-01-01');
    });

    it('keeps a calendar date as it is instead of reading it as UTC midnight', () => {
      expect(formatDate('2027-05-31')).to.equal('2027-05-31');
      expect(formatDate('2027-01-01')).to.equal('2027-01-01');
    });

    it('gives an empty string for absent or invalid values', () => {
      expect(formatDate(null)).to.equal('');
      expect(formatDate(undefined)).to.equal('');
      expect(formatDate('')).to.equal('');
      expect(formatDate('not a date')).to.equal('');
    });
  });

  describe('formatDateTime', () => {
    it('shows Beijing time to the minute', () => {
      expect(formatDateTime('2027-05-30T16:00:00Z')).to.equal('2027-05-31 00:00');
      expect(formatDateTime('2027-05-30T15:59:00Z')).to.equal('2027-05-30 23:59');
      expect(formatDateTime('2027-05-31T09:05:00+08:00')).to.equal('2027-05-31 09:05');
      expect(formatDateTime(null)).to.equal('');
      expect(formatDateTime('garbage')).to.equal('');
    });
  });

  describe('validUntil (有效期至)', () => {
    it('is the day before the stored expiry, across month and year ends', () => {
      expect(validUntil('2027-05-31')).to.equal('2027-05-30');
      expect(validUntil('2027-06-01')).to.equal('2027-05-31');
      expect(validUntil('2028-01-01')).to.equal('2027-12-31');
      expect(validUntil('2028-03-01')).to.equal('2028-02-29');
    });

    it('is empty without an expiry', () => {
      expect(validUntil(null)).to.equal('');
      expect(validUntil('')).to.equal('');
    });
  });

  describe('formatSalary', () => {
    it('shows thousands to one decimal: 7500 is 7.5k, not 8k', () => {
      expect(formatSalary(7500, 14000)).to.equal('7.5k-14k/月');
      expect(formatSalary(7999, 10000)).to.equal('8k-10k/月');
      expect(formatSalary(10000, 10500)).to.equal('10k-10.5k/月');
      expect(formatSalary(1000, 1049)).to.equal('1k/月');
    });

    it('shows yuan below a thousand', () => {
      expect(formatSalary(999, 999)).to.equal('999元/月');
      expect(formatSalary(800, 1500)).to.equal('800元-1.5k/月');
      expect(formatSalary(0, 999)).to.equal('999元以下/月');
    });

    it('says 面议 when no salary is given, and names the missing end otherwise', () => {
      expect(formatSalary(0, 0)).to.equal('面议');
      expect(formatSalary(null, null)).to.equal('面议');
      expect(formatSalary(undefined, undefined)).to.equal('面议');
      expect(formatSalary(0, 15000)).to.equal('15k以下/月');
      expect(formatSalary(8000, 0)).to.equal('8k起/月');
      expect(formatSalary(8000, 8000)).to.equal('8k/月');
    });
  });

  describe('money', () => {
    it('shows yuan with thousands separators', () => {
      expect(money(1500)).to.equal('¥1,500');
      expect(money(500)).to.equal('¥500');
      expect(money(0)).to.equal('¥0');
      expect(money(1234567.5)).to.equal('¥1,234,567.5');
      expect(money('2000')).to.equal('¥2,000');
      expect(money(null)).to.equal('');
    });
  });

  describe('template helpers', () => {
    const render = (template: string, data: object) => {
      const env = Handlebars.create();
      for (const [name, fn] of Object.entries(HELPERS))
        env.registerHelper(name, fn as Handlebars.HelperDelegate);
      return env.compile(template)(data);
    };

    it('give templates the same strings', () => {
      const job = { salaryMin: 7500, salaryMax: 14000, expiresOn: '2027-05-31', at: '2027-05-30T16:30:00Z' };
      expect(
        render(
          '{{salary salaryMin salaryMax}}|{{valid_until expiresOn}}|{{date at}}|{{date_time at}}|{{money 1500}}',
          job,
        ),
      ).to.equal('7.5k-14k/月|2027-05-30|2027-05-31|2027-05-31 00:30|¥1,500');
    });

    it('show nothing for a missing value instead of the options object', () => {
      expect(render('[{{date missing}}][{{money}}][{{salary}}][{{valid_until}}]', {})).to.equal(
        '[][][面议][]',
      );
    });
  });
});
