import type { Locale } from '../i18n/locale.ts';
import type { MonthlyReport } from '../domain/report.ts';

/** Geometry for the reports index chart: incident counts as bars, availability as a line. */
export interface ReportChart {
  width: number;
  height: number;
  bars: {
    x: number;
    y: number;
    width: number;
    height: number;
    label: string;
    count: number;
    month: string;
  }[];
  /** The availability line; it skips months without data (wholly before the site's history). */
  line: string;
  points: { x: number; y: number; label: string }[];
  /** Lowest availability on the vertical scale, as shown on the axis. */
  floorLabel: string;
}

/** `width` 640 for twelve months; a narrow screen's chart is NARROW_WIDTH (diagrams.ts) for six. */
export function reportChart(reports: readonly MonthlyReport[], locale: Locale, width = 640): ReportChart {
  const height = 200;
  const top = 20;
  const bottom = 160;
  const slot = (width - 60) / Math.max(reports.length, 1);
  const maxCount = Math.max(1, ...reports.map((r) => r.incidents.length));
  const measured = reports.filter((r) => !r.union.noData);
  const lowest = Math.min(0.999, ...measured.map((r) => r.union.ratio));
  // Scale availability between a floor just below the lowest month and 100 %.
  const floor = Math.max(0, Math.floor(lowest * 1000 - 1) / 1000);
  const yOf = (ratio: number) => bottom - ((ratio - floor) / (1 - floor)) * (bottom - top);
  const bars = reports.map((r, i) => {
    const h = (r.incidents.length / maxCount) * (bottom - top) * 0.6;
    return {
      x: 40 + i * slot + slot * 0.2,
      y: bottom - h,
      width: slot * 0.6,
      height: h,
      label: r.month.key.slice(2),
      count: r.incidents.length,
      month: r.monthName,
    };
  });
  const points = reports.flatMap((r, i) =>
    r.union.noData
      ? []
      : [{ x: 40 + i * slot + slot / 2, y: yOf(r.union.ratio), label: locale.percent(r.union.ratio, 2) }],
  );
  return {
    width,
    height,
    bars,
    line: points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' '),
    points,
    floorLabel: locale.percent(floor, 1),
  };
}
