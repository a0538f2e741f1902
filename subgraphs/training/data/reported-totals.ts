// Training totals as the Office's record reports them (shared/domain.md, "Facts from the
// office's record"). The sessions behind them are not listed individually in that record.
export interface ReportedTotalRecord {
  periodFrom: string;
  periodTo: string;
  sessions: number | null;
  countries: number | null;
  participants: number | null;
  source: string;
}

export const REPORTED_TOTALS: readonly ReportedTotalRecord[] = [
  {
    periodFrom: '2009-01-01',
    periodTo: '2011-12-31',
    sessions: 34,
    countries: 13,
    participants: 738,
    source:
      "The Office's record (shared/domain.md): 34 training sessions in 13 countries, 738 persons trained, 2009 to 2011; the period is taken as the three full calendar years.",
  },
];
