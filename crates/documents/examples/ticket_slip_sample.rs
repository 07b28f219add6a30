//! Writes sample ticket slips to `crates/documents/target-sample/` for
//! eyeballing: `cargo run -p onetrip-documents --example ticket_slip_sample`,
//! then e.g. `pdftoppm -r 200 -png target-sample/ticket-slip.pdf target-sample/slip`.
//!
//! - `ticket-slip.pdf`: a typical slip.
//! - `ticket-slip-long-names.pdf`: names long enough to wrap.

use std::path::Path;
use std::time::Instant;

use onetrip_documents::{render_ticket_slip, TicketSlip};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let typical = TicketSlip {
        hall_name: "只跑一次综合服务大厅".into(),
        number: "A001".into(),
        category_name: "不动产登记".into(),
        waiting_ahead: 3,
        estimated_wait_minutes: Some(12),
        issued_at: "2026-11-27 09:05".into(),
        track_url: "https://hall.example.gov.cn/t/A001-7f3k9q".into(),
        notice: "过号请重新取号".into(),
        priority_label: Some("绿色通道".into()),
    };
    let long_names = TicketSlip {
        hall_name: "某某省某某市某某区只跑一次综合服务大厅（市民中心东区二楼 B 座）".into(),
        number: "B128".into(),
        category_name: "不动产登记、抵押权注销登记及 ABC-12345 类预告登记一窗受理综合业务".into(),
        estimated_wait_minutes: None,
        notice: "过号请重新取号。请留意叫号屏幕与语音提示，凭本票到对应窗口办理业务，谢谢合作！"
            .into(),
        priority_label: None,
        ..typical.clone()
    };

    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target-sample");
    std::fs::create_dir_all(&out_dir)?;
    for (file_name, slip) in [
        ("ticket-slip.pdf", &typical),
        ("ticket-slip-long-names.pdf", &long_names),
    ] {
        let started = Instant::now();
        let pdf = render_ticket_slip(slip)?;
        let elapsed = started.elapsed();
        let out = out_dir.join(file_name);
        std::fs::write(&out, &pdf)?;
        println!(
            "wrote {} ({} bytes, rendered in {elapsed:?})",
            out.display(),
            pdf.len()
        );
    }
    Ok(())
}
