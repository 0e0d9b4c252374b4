//! The generated types read what PostgREST returns and write what it accepts.

use gen_types_build_rs_example::db::public::{
    ProjectsInsert, TaskStatus, TasksInsert, TasksRow, TasksUpdate,
};

#[test]
fn a_row_as_postgrest_returns_it_round_trips() {
    let json = r#"{"id":7,"project_id":1,"title":"Write docs","status":"doing","estimate_hours":12345.5,"labels":["docs",null],"details":{"link":"https://example.com"},"created_at":"2026-01-02T03:04:05.123456+00:00"}"#;
    let row: TasksRow = serde_json::from_str(json).unwrap();
    assert_eq!(row.status, TaskStatus::Doing);
    assert_eq!(row.estimate_hours.unwrap().to_string(), "12345.5");
    assert_eq!(row.labels, vec![Some("docs".to_string()), None]);
    assert_eq!(serde_json::to_string(&row).unwrap(), json);
}

#[test]
fn infinite_timestamps_read_and_write_back() {
    let json = r#"{"id":1,"project_id":1,"title":"t","status":"todo","estimate_hours":null,"labels":[],"details":null,"created_at":"infinity"}"#;
    let row: TasksRow = serde_json::from_str(json).unwrap();
    assert_eq!(row.created_at, chrono::DateTime::<chrono::Utc>::MAX_UTC);
    assert_eq!(serde_json::to_string(&row).unwrap(), json);
}

#[test]
fn inserts_leave_out_defaults_and_updates_tell_null_from_absent() {
    let insert = TasksInsert {
        id: None,
        project_id: 1,
        title: "New".into(),
        status: None,
        estimate_hours: None,
        labels: None,
        details: None,
        created_at: None,
    };
    assert_eq!(
        serde_json::to_string(&insert).unwrap(),
        r#"{"project_id":1,"title":"New"}"#
    );
    let project: ProjectsInsert = serde_json::from_str(r#"{"name":"P"}"#).unwrap();
    assert_eq!(project.visibility, None);
    let clear = TasksUpdate {
        estimate_hours: Some(None),
        ..TasksUpdate::default()
    };
    assert_eq!(
        serde_json::to_string(&clear).unwrap(),
        r#"{"estimate_hours":null}"#
    );
    assert_eq!(
        serde_json::to_string(&TasksUpdate::default()).unwrap(),
        "{}"
    );
    assert_eq!(
        TaskStatus::ALL.map(TaskStatus::as_str),
        ["todo", "doing", "done"]
    );
}
