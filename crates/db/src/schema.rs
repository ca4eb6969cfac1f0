// Diesel schema, kept in step with `migrations/` by hand (checked by the tests that run them).

diesel::table! {
    municipality (id) {
        id -> Uuid,
        slug -> Text,
        name -> Text,
        nis_code -> Nullable<Text>,
        data_attribution -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    wijk (id) {
        id -> Uuid,
        municipality_id -> Uuid,
        wijknr -> Int2,
        slug -> Text,
        name -> Text,
        short_name -> Text,
        aliases -> Array<Text>,
        zone -> Text,
        stadsdeel -> Text,
        area_m2 -> Int8,
        population_density_2024 -> Int4,
        population_estimate -> Int4,
        wijkbudget_round -> Nullable<Int2>,
        centroid_lat -> Float8,
        centroid_lon -> Float8,
        boundary -> Jsonb,
        uri -> Nullable<Text>,
        gebiedscode -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(wijk -> municipality (municipality_id));
diesel::allow_tables_to_appear_in_same_query!(municipality, wijk);
