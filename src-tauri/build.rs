fn main() {
    // Declaring the app's commands turns on the ACL for them: each is denied unless a
    // capability grants its `allow-…` permission (see src/commands.rs).
    let manifest = tauri_build::AppManifest::new().commands(&[
        "print_slip",
        "print_document",
        "request_unlock",
        "unlock_kiosk",
        "close_unlock",
        "get_settings",
        "save_settings",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script");
}
