//! The checked-in `openapi.json` is what terminals and the UI's generated types are built from:
//! it must match the server. Run `make openapi` after changing the API.

#[test]
fn the_checked_in_openapi_document_is_current() {
    let current = onetrip::http::openapi().to_pretty_json().unwrap() + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(path, &current).unwrap();
        return;
    }
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        checked_in == current,
        "openapi.json is stale: run `make openapi` (UPDATE_OPENAPI=1 cargo test --test api openapi) and commit it"
    );
}

#[test]
fn every_route_is_documented_with_errors() {
    let doc = onetrip::http::openapi();
    let paths: Vec<&String> = doc.paths.paths.keys().collect();
    for expected in [
        "/api/v1/auth/login",
        "/api/v1/categories",
        "/api/v1/matters",
        "/api/v1/tickets",
        "/api/v1/counters/{counter}/call-next",
        "/api/v1/queue",
        "/api/v1/events",
    ] {
        assert!(
            paths.iter().any(|p| p.as_str() == expected),
            "{expected} missing"
        );
    }
}
