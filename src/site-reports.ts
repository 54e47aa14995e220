import type { SiteContent } from './lib/content.ts';
import { buildMonthlyReport, reportMonths, type MonthlyReport } from './lib/report.ts';

const cache = new WeakMap<SiteContent, MonthlyReport[]>();

/** Every month's report, oldest first, computed once per build and shared by the report routes. */
export function allReports(content: SiteContent): MonthlyReport[] {
  let reports = cache.get(content);
  if (!reports) {
    reports = reportMonths(content).map((month) => buildMonthlyReport(content, month));
    cache.set(content, reports);
  }
  return reports;
}
