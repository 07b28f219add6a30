//! Realistic demo data for every notice kind, shared by the tests and the
//! `notice_samples` example. `long` lists spill onto a second page.

#![allow(dead_code)]

use onetrip_documents::*;

pub const HALL: &str = "杭州市西湖区只跑一次综合服务大厅";
/// Longer than a line of the page: it must wrap everywhere it appears.
pub const LONG_NAME: &str =
    "杭州西湖龙井茶叶股份有限公司（原杭州西湖区龙井村茶叶生产合作社）第一分公司龙井路茶文化体验店";
pub const QR_URL: &str = "https://hall.example.gov.cn/v/SL202611270001?sig=7f3k9qXa2B";

pub fn company() -> Applicant {
    Applicant {
        name: LONG_NAME.into(),
        id_label: "统一社会信用代码".into(),
        id_number: "91330106MA2H3K4L5P".into(),
    }
}

pub fn materials(n: usize) -> Vec<Material> {
    let names = [
        "营业执照（副本）",
        "法定代表人身份证明",
        "食品经营许可申请书",
        "经营场所平面布局图及设备布局、工艺流程图",
        "食品安全管理制度文本",
        "授权委托书及受托人身份证件",
    ];
    (0..n)
        .map(|i| Material {
            name: format!("{}-{:02}", names[i % names.len()], i + 1),
            originals: (i % 2) as u32,
            copies: 1 + (i % 3) as u32,
            note: if i % 4 == 0 {
                "原件核后退回".into()
            } else {
                String::new()
            },
        })
        .collect()
}

pub fn acceptance(material_count: usize) -> AcceptanceNotice {
    AcceptanceNotice {
        hall_name: HALL.into(),
        case_no: "SL-2026-1127-0001".into(),
        matter_name: "开办餐饮店一件事".into(),
        member_matters: vec![
            "食品经营许可（新办）".into(),
            "公众聚集场所投入使用、营业前消防安全检查".into(),
            "户外招牌设置备案".into(),
        ],
        applicant: company(),
        office: "西湖区市场监督管理局".into(),
        counter: "3号综合窗口".into(),
        clerk: "王晓明".into(),
        received_at: "2026年11月27日 09:05".into(),
        accepted_at: "2026年11月27日 09:32".into(),
        limits: TimeLimits {
            legal_days: 20,
            legal_due: "2026年12月25日".into(),
            promised_days: 5,
            promised_due: "2026年12月4日".into(),
        },
        fee: "不收费".into(),
        delivery: Delivery::Mail {
            recipient: "李建国".into(),
            phone: "138****5678".into(),
            address: "浙江省杭州市西湖区龙井路 1 号龙井村茶园路 88 号".into(),
            carrier: None,
            waybill_no: None,
        },
        tracking_code: "7F3K-9QXA".into(),
        qr_url: QR_URL.into(),
        materials: materials(material_count),
        issued_at: "2026年11月27日".into(),
    }
}

pub fn missing_items(n: usize) -> Vec<MissingItem> {
    let reasons = [
        MissingReason::Missing,
        MissingReason::NotDeferrable,
        MissingReason::Deferrable,
    ];
    (0..n)
        .map(|i| MissingItem {
            name: format!("补充材料{:02}：经营场所产权证明或租赁合同", i + 1),
            requirement:
                "提供原件及复印件一份，租赁期限不少于一年，复印件须加盖公章并注明“与原件一致”"
                    .into(),
            reason: reasons[i % 3],
        })
        .collect()
}

pub fn one_time(item_count: usize) -> OneTimeNotice {
    OneTimeNotice {
        hall_name: HALL.into(),
        notice_no: "GZ-2026-1127-0007".into(),
        matter_name: "食品经营许可（新办）".into(),
        applicant_name: LONG_NAME.into(),
        items: missing_items(item_count),
        notified_at: "2026年11月27日 09:20".into(),
        clerk: "王晓明".into(),
        office: "西湖区市场监督管理局".into(),
        qr_url: QR_URL.into(),
        issued_at: "2026年11月27日".into(),
    }
}

pub fn pledge(deferred_count: usize) -> PledgeNotice {
    PledgeNotice {
        acceptance: acceptance(4),
        deferred: missing_items(deferred_count),
        pledge_due: "2026年12月4日".into(),
    }
}

pub fn refusal() -> RefusalNotice {
    RefusalNotice {
        hall_name: HALL.into(),
        notice_no: "BY-2026-1127-0002".into(),
        matter_name: "危险化学品经营许可（带储存设施）".into(),
        applicant_name: LONG_NAME.into(),
        received_at: "2026年11月27日".into(),
        reason: "申请事项依法不属于本机关职权范围。带有储存设施的危险化学品经营许可由设区的市级人民政府安全生产监督管理部门实施。".into(),
        competent_office: "杭州市应急管理局".into(),
        competent_office_contact: "杭州市上城区解放东路 18 号市民中心 K 座，0571-00000000".into(),
        clerk: "王晓明".into(),
        office: "西湖区行政审批服务中心".into(),
        qr_url: QR_URL.into(),
        issued_at: "2026年11月27日".into(),
    }
}

pub fn correction(item_count: usize) -> CorrectionNotice {
    CorrectionNotice {
        hall_name: HALL.into(),
        case_no: "SL-2026-1127-0001".into(),
        matter_name: "公众聚集场所投入使用、营业前消防安全检查".into(),
        applicant_name: LONG_NAME.into(),
        department: "西湖区消防救援大队".into(),
        items: missing_items(item_count),
        notice_date: "2026年11月30日".into(),
        qr_url: QR_URL.into(),
        issued_at: "2026年11月30日".into(),
    }
}

pub fn completion(result_count: usize) -> CompletionDocument {
    let departments = [
        ("西湖区市场监督管理局", "食品经营许可（新办）"),
        (
            "西湖区消防救援大队",
            "公众聚集场所投入使用、营业前消防安全检查",
        ),
        ("西湖区综合行政执法局", "户外招牌设置备案"),
    ];
    CompletionDocument {
        hall_name: HALL.into(),
        case_no: "SL-2026-1127-0001".into(),
        matter_name: "开办餐饮店一件事".into(),
        member_matters: departments.iter().map(|(_, m)| m.to_string()).collect(),
        applicant: company(),
        results: (0..result_count)
            .map(|i| {
                let (department, matter) = departments[i % departments.len()];
                let rejected = i % 3 == 2;
                DepartmentResult {
                    department: department.into(),
                    matter_name: matter.into(),
                    decision: if rejected {
                        Decision::Rejected
                    } else {
                        Decision::Approved
                    },
                    opinion: if rejected {
                        "招牌尺寸超出《西湖区户外招牌设置导则》规定，请调整后重新申请".into()
                    } else {
                        format!("许可证编号 JY3330106{:07}", 100 + i)
                    },
                }
            })
            .collect(),
        completed_at: "2026年12月3日 15:40".into(),
        delivery: Delivery::Mail {
            recipient: "李建国".into(),
            phone: "138****5678".into(),
            address: "浙江省杭州市西湖区龙井路 1 号龙井村茶园路 88 号".into(),
            carrier: Some("中国邮政 EMS".into()),
            waybill_no: Some("1190 2345 6789 0".into()),
        },
        clerk: "赵丽".into(),
        office: "西湖区行政审批服务中心".into(),
        qr_url: QR_URL.into(),
        issued_at: "2026年12月3日".into(),
    }
}

/// Every kind rendered with demo data: (file stem, PDF bytes).
pub fn all_samples() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "acceptance",
            render_acceptance_notice(&acceptance(6)).unwrap(),
        ),
        ("one_time", render_one_time_notice(&one_time(5)).unwrap()),
        ("pledge", render_pledge_notice(&pledge(2)).unwrap()),
        ("refusal", render_refusal_notice(&refusal()).unwrap()),
        (
            "correction",
            render_correction_notice(&correction(3)).unwrap(),
        ),
        (
            "completion",
            render_completion_document(&completion(3)).unwrap(),
        ),
    ]
}
