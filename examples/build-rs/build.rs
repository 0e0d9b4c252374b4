//! Generates `$OUT_DIR/database.rs` from the database when `DATABASE_URL` is set (and
//! gen-types has its `live` feature), else from the committed `catalog.json` snapshot.

fn main() {
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let result = gen_types::Builder::from_config("gen-types.toml")
        .map(|b| b.catalog_snapshot("catalog.json").rust_out(&out_dir))
        .and_then(|b| b.generate());
    if let Err(e) = result {
        eprintln!("error: gen-types: {}", e.render());
        std::process::exit(1);
    }
}
