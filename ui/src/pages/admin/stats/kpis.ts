/** The headline tiles of a report, shared by the admin and the public page. */
import type { StatsReport } from '../../../api/stats';
import type { Translate } from '../../../lib/format';
import { minutes, percent } from '../../../lib/statsRange';
import type { Kpi } from './KpiTiles.vue';

export function kpis(t: Translate, r: StatsReport, withDetail = true): Kpi[] {
  const k = r.tickets;
  const c = r.cases;
  const all: (Kpi & { detail?: boolean })[] = [
    { key: 'issued', label: t('stats.kpi.issued'), value: String(k.issued) },
    { key: 'served', label: t('stats.kpi.served'), value: String(k.served) },
    { key: 'no-shows', label: t('stats.kpi.noShows'), value: `${k.no_shows}（${percent(k.no_show_rate)}）` },
    { key: 'wait-mean', label: t('stats.kpi.waitMean'), value: minutes(k.waiting.mean) },
    { key: 'wait-median', label: t('stats.kpi.waitMedian'), value: minutes(k.waiting.median), detail: true },
    { key: 'wait-p90', label: t('stats.kpi.waitP90'), value: minutes(k.waiting.p90), detail: true },
    { key: 'service-mean', label: t('stats.kpi.serviceMean'), value: minutes(k.service.mean) },
    { key: 'estimate-error', label: t('stats.kpi.estimateError'), value: minutes(k.estimate_error.median), hint: t('stats.kpi.estimateErrorHint'), detail: true },
    { key: 'accepted', label: t('stats.kpi.accepted'), value: String(c.accepted) },
    { key: 'completed', label: t('stats.kpi.completed'), value: String(c.completed) },
    { key: 'overdue', label: t('stats.kpi.overdue'), value: String(c.overdue), detail: true },
    { key: 'on-time', label: t('stats.kpi.onTime'), value: percent(c.on_time_rate), hint: t('stats.kpi.onTimeHint') },
    { key: 'one-trip', label: t('stats.kpi.oneTrip'), value: percent(c.one_trip.rate), hint: t('stats.kpi.oneTripHint') },
    { key: 'satisfied', label: t('stats.kpi.satisfied'), value: percent(r.ratings.satisfied_rate) },
  ];
  return all.filter((x) => withDetail || !x.detail).map(({ detail: _detail, ...x }) => x);
}
