//! A minimal Tauri app: three empty windows, nothing else. The baseline that
//! scripts/bench-desktop.sh measures beside onetrip-desktop.
use tauri::{WebviewUrl, WebviewWindowBuilder};

fn main() {
    let started = std::time::Instant::now();
    tauri::Builder::default()
        .setup(move |app| {
            for (i, label) in ["one", "two", "three"].iter().enumerate() {
                WebviewWindowBuilder::new(app, *label, WebviewUrl::App("index.html".into()))
                    .title(format!("minimal {label}"))
                    .inner_size(800.0, 600.0)
                    .position(40.0 + 400.0 * i as f64, 40.0)
                    .on_page_load(move |_, payload| {
                        if matches!(payload.event(), tauri::webview::PageLoadEvent::Finished) {
                            eprintln!("page loaded window={label} after_ms={}", started.elapsed().as_millis());
                        }
                    })
                    .build()?;
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running the minimal app");
}
