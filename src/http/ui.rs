//! The built web UI (`ui/dist`), served at `/` with a history-mode fallback to index.html.

use crate::error::{AppError, ErrorCode};
use axum::http::{header, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "ui/dist"]
#[allow_missing = true]
struct UiAssets;

const NOT_BUILT: &str = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<title>只跑一次综合服务大厅</title></head><body><h1>界面尚未构建</h1>\
<p>请先在 ui/ 目录运行 <code>npm ci &amp;&amp; npm run build</code>，或使用 README 中的 <code>make run</code>。</p>\
</body></html>";

pub async fn serve(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path == "api" || path.starts_with("api/") {
        return AppError::new(ErrorCode::NotFound, "没有这个接口").into_response();
    }
    if !path.is_empty() {
        if let Some(file) = UiAssets::get(path) {
            let cache = if path.starts_with("assets/") {
                // Vite puts a content hash in these names.
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            return (
                [
                    (header::CONTENT_TYPE, file.metadata.mimetype().to_string()),
                    (header::CACHE_CONTROL, cache.to_string()),
                ],
                file.data,
            )
                .into_response();
        }
        if path.starts_with("assets/") {
            return (StatusCode::NOT_FOUND, "not found").into_response();
        }
    }
    match UiAssets::get("index.html") {
        Some(index) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
                (header::CACHE_CONTROL, "no-cache".to_string()),
            ],
            index.data,
        )
            .into_response(),
        None => Html(NOT_BUILT).into_response(),
    }
}
