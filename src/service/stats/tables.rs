//! The reports as tables for the exports, with Chinese headers.

use super::disclosure::DisclosureReport;
use super::export::{Cell, Table};
use super::ratings::RatingGroup;
use super::summary::DurationSummary;
use super::StatsReport;

fn summary_rows(t: &mut Table, what: &str, s: &DurationSummary) {
    t.row(vec![format!("{what}均值（分钟）").into(), s.mean.into()]);
    t.row(vec![
        format!("{what}中位数（分钟）").into(),
        s.median.into(),
    ]);
    t.row(vec![format!("{what}P90（分钟）").into(), s.p90.into()]);
}

fn overview(r: &StatsReport) -> Table {
    let mut t = Table::new("概况", &["指标", "数值"]);
    let (k, c, g) = (&r.tickets, &r.cases, &r.ratings);
    t.row(vec![
        "统计区间".into(),
        format!("{} 至 {}", r.from, r.to).into(),
    ]);
    t.row(vec!["取号数".into(), k.issued.into()]);
    t.row(vec!["叫号数".into(), k.called.into()]);
    t.row(vec!["办结数".into(), k.served.into()]);
    t.row(vec!["过号数".into(), k.no_shows.into()]);
    t.row(vec!["过号率".into(), k.no_show_rate.into()]);
    summary_rows(&mut t, "等候时长", &k.waiting);
    summary_rows(&mut t, "办理时长", &k.service);
    summary_rows(&mut t, "等候预估误差", &k.estimate_error);
    t.row(vec!["受理办件".into(), c.accepted.into()]);
    t.row(vec!["办结办件".into(), c.completed.into()]);
    t.row(vec!["审批决定".into(), c.decided.into()]);
    t.row(vec!["逾期".into(), c.overdue.into()]);
    t.row(vec!["按时办结率".into(), c.on_time_rate.into()]);
    t.row(vec![
        "一次办结率（最多跑一次）".into(),
        c.one_trip.rate.into(),
    ]);
    t.row(vec!["评价数".into(), g.total.into()]);
    t.row(vec!["平均评分".into(), g.mean.into()]);
    t.row(vec!["满意率".into(), g.satisfied_rate.into()]);
    t
}

fn rating_table(name: &str, key: &'static str, groups: &[RatingGroup]) -> Table {
    let mut t = Table::new(name, &[key, "名称", "评价数", "平均分", "差评数", "满意率"]);
    for g in groups {
        t.row(vec![
            g.key.clone().into(),
            g.name.clone().into(),
            g.count.into(),
            g.mean.into(),
            g.bad.into(),
            g.satisfied_rate.into(),
        ]);
    }
    t
}

/// 概况, 分时段取号, 分类别排队, 时长分布, 部门办件, 窗口评价, 人员评价, 事项评价.
pub fn stats(r: &StatsReport) -> Vec<Table> {
    let mut hours = Table::new("分时段取号", &["时段", "类别", "类别名称", "取号数"]);
    for h in &r.tickets.by_hour {
        hours.row(vec![
            format!("{:02}:00–{:02}:00", h.hour, h.hour + 1).into(),
            h.category.clone().into(),
            h.category_name.clone().into(),
            h.tickets.into(),
        ]);
    }
    let mut cats = Table::new(
        "分类别排队",
        &[
            "类别",
            "名称",
            "取号",
            "办结",
            "过号",
            "平均等候",
            "等候中位数",
            "等候P90",
            "平均办理",
        ],
    );
    for c in &r.tickets.by_category {
        cats.row(vec![
            c.category.clone().into(),
            c.name.clone().into(),
            c.issued.into(),
            c.served.into(),
            c.no_shows.into(),
            c.waiting.mean.into(),
            c.waiting.median.into(),
            c.waiting.p90.into(),
            c.service.mean.into(),
        ]);
    }
    let mut dist = Table::new("时长分布", &["区间（分钟）", "等候人次", "办理人次"]);
    for b in &r.tickets.distribution {
        dist.row(vec![
            b.label.clone().into(),
            b.waits.into(),
            b.services.into(),
        ]);
    }
    let mut depts = Table::new(
        "部门办件",
        &[
            "部门",
            "名称",
            "受理",
            "办结",
            "逾期",
            "按时办结",
            "按时办结率",
        ],
    );
    for d in &r.cases.by_department {
        depts.row(vec![
            d.department.clone().into(),
            d.name.clone().into(),
            d.accepted.into(),
            d.completed.into(),
            d.overdue.into(),
            d.on_time.into(),
            d.on_time_rate.into(),
        ]);
    }
    let mut out = vec![overview(r), hours, cats, dist, depts];
    out.push(rating_table("窗口评价", "窗口", &r.ratings.by_counter));
    out.push(rating_table("人员评价", "工号", &r.ratings.by_clerk));
    out.push(rating_table("事项评价", "事项", &r.ratings.by_matter));
    out
}

/// 年度概况 and 办理结果.
pub fn disclosure(r: &DisclosureReport) -> Vec<Table> {
    let mut t = Table::new("年度概况", &["指标", "数值"]);
    t.row(vec!["年度".into(), Cell::Number(f64::from(r.year))]);
    t.row(vec!["事项".into(), r.matters.join("、").into()]);
    for (k, v) in [
        ("收到申请", r.received),
        ("受理", r.accepted),
        ("已答复", r.answered),
        ("办理中", r.pending),
        ("按期答复", r.on_time),
        ("逾期", r.overdue),
        ("延期答复", r.extended),
    ] {
        t.row(vec![k.into(), v.into()]);
    }
    let mut o = Table::new("办理结果", &["结果", "件数"]);
    for x in &r.by_outcome {
        o.row(vec![x.label.clone().into(), x.count.into()]);
    }
    vec![t, o]
}
