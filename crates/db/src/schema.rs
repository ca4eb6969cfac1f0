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
        public_url -> Nullable<Text>,
    }
}

diesel::table! {
    municipality_host (host) {
        host -> Text,
        municipality_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(municipality_host -> municipality (municipality_id));
diesel::allow_tables_to_appear_in_same_query!(municipality, municipality_host);

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

diesel::table! {
    wijk_contact (wijk_id) {
        wijk_id -> Uuid,
        municipality_id -> Uuid,
        name -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        office_hours -> Nullable<Text>,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(wijk_contact -> wijk (wijk_id));
diesel::allow_tables_to_appear_in_same_query!(wijk, wijk_contact);

diesel::table! {
    reference_version (name) {
        name -> Text,
        version -> Int8,
    }
}

diesel::table! {
    app_user (id) {
        id -> Uuid,
        email -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamptz>,
        password_hash -> Nullable<Text>,
        display_name -> Text,
        preferred_language -> Text,
        status -> Text,
        password_changed_at -> Timestamptz,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    role_assignment (id) {
        id -> Uuid,
        user_id -> Uuid,
        role -> Text,
        wijk_id -> Nullable<Uuid>,
        scope_id -> Nullable<Uuid>,
        granted_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    organisation (id) {
        id -> Uuid,
        name -> Text,
        kind -> Text,
        wijk_id -> Nullable<Uuid>,
        description -> Text,
        website -> Nullable<Text>,
        recognised_at -> Nullable<Timestamptz>,
        recognised_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    organisation_member (organisation_id, user_id) {
        organisation_id -> Uuid,
        user_id -> Uuid,
        role -> Text,
        joined_at -> Timestamptz,
    }
}

diesel::table! {
    organisation_invitation (id) {
        id -> Uuid,
        organisation_id -> Uuid,
        email -> Text,
        role -> Text,
        token_hash -> Text,
        invited_by -> Nullable<Uuid>,
        expires_at -> Timestamptz,
        accepted_at -> Nullable<Timestamptz>,
        accepted_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    refresh_token (id) {
        id -> Uuid,
        user_id -> Uuid,
        family_id -> Uuid,
        token_hash -> Text,
        issued_at -> Timestamptz,
        expires_at -> Timestamptz,
        rotated_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    email_token (id) {
        id -> Uuid,
        user_id -> Uuid,
        purpose -> Text,
        token_hash -> Text,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    mail_outbox (id) {
        id -> Uuid,
        user_id -> Nullable<Uuid>,
        to_address -> Text,
        template -> Text,
        subject -> Text,
        body -> Text,
        status -> Text,
        attempts -> Int4,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
        unsubscribe_url -> Nullable<Text>,
    }
}

diesel::table! {
    api_client (id) {
        id -> Uuid,
        client_id -> Text,
        secret_hash -> Text,
        name -> Text,
        scopes -> Array<Text>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    login_throttle (key_hash) {
        key_hash -> Text,
        failures -> Int4,
        window_started_at -> Timestamptz,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Int8,
        occurred_at -> Timestamptz,
        actor_user_id -> Nullable<Uuid>,
        actor_client_id -> Nullable<Uuid>,
        action -> Text,
        object_type -> Nullable<Text>,
        object_id -> Nullable<Text>,
        wijk_id -> Nullable<Uuid>,
        details -> Jsonb,
    }
}

diesel::joinable!(role_assignment -> wijk (wijk_id));
diesel::joinable!(organisation -> wijk (wijk_id));
diesel::joinable!(organisation_member -> organisation (organisation_id));
diesel::joinable!(organisation_member -> app_user (user_id));
diesel::allow_tables_to_appear_in_same_query!(
    app_user,
    role_assignment,
    organisation,
    organisation_member,
    organisation_invitation,
    refresh_token,
    email_token,
    mail_outbox,
    api_client,
    login_throttle,
    audit_log,
    wijk,
);

diesel::table! {
    venue (id) {
        id -> Uuid,
        municipality_id -> Uuid,
        wijk_id -> Nullable<Uuid>,
        slug -> Text,
        name -> Text,
        venue_type -> Text,
        operator -> Text,
        operator_name -> Nullable<Text>,
        street_address -> Nullable<Text>,
        postal_code -> Nullable<Text>,
        city -> Nullable<Text>,
        lat -> Float8,
        lon -> Float8,
        location_precision -> Text,
        drop_in -> Bool,
        room_use -> Bool,
        target_groups -> Array<Text>,
        facilities -> Array<Text>,
        accessibility -> Array<Text>,
        description -> Text,
        contact_phone -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        website -> Nullable<Text>,
        is_sample -> Bool,
        source -> Text,
        lead_time_min_days -> Int4,
        lead_time_max_days -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        max_capacity -> Int4,
        photo_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    opening_hours (id) {
        id -> Uuid,
        venue_id -> Uuid,
        weekday -> Int2,
        opens -> Time,
        closes -> Time,
        kind -> Text,
        condition -> Nullable<Text>,
    }
}

diesel::table! {
    room (id) {
        id -> Uuid,
        venue_id -> Uuid,
        name -> Text,
        capacity -> Int4,
        uses -> Array<Text>,
        facilities -> Array<Text>,
        step_free -> Bool,
        tariff_recognised_cents -> Int4,
        tariff_resident_cents -> Int4,
        tariff_private_cents -> Int4,
        free_for_neighbourhood -> Bool,
        is_sample -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    booking (id) {
        id -> Uuid,
        room_id -> Uuid,
        requester_id -> Uuid,
        organisation_id -> Nullable<Uuid>,
        purpose -> Text,
        room_use -> Text,
        attendees -> Int4,
        during -> Tstzrange,
        status -> Text,
        tariff_category -> Text,
        price_cents -> Int4,
        decision_reason -> Nullable<Text>,
        decided_by -> Nullable<Uuid>,
        decided_at -> Nullable<Timestamptz>,
        idempotency_key -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        series_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    booking_series (id) {
        id -> Uuid,
        room_id -> Uuid,
        requester_id -> Uuid,
        recurrence -> Text,
        until -> Date,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(venue -> wijk (wijk_id));
diesel::joinable!(room -> venue (venue_id));
diesel::joinable!(opening_hours -> venue (venue_id));
diesel::joinable!(booking -> room (room_id));
diesel::joinable!(booking_series -> room (room_id));
diesel::table! {
    venue_closure (id) {
        id -> Uuid,
        venue_id -> Uuid,
        first_day -> Date,
        last_day -> Date,
        during -> Tstzrange,
        reason -> Text,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(venue_closure -> venue (venue_id));
diesel::allow_tables_to_appear_in_same_query!(
    venue,
    room,
    opening_hours,
    booking,
    booking_series,
    venue_closure
);
diesel::allow_tables_to_appear_in_same_query!(venue, wijk);
diesel::allow_tables_to_appear_in_same_query!(room, wijk);
diesel::allow_tables_to_appear_in_same_query!(opening_hours, wijk);
diesel::allow_tables_to_appear_in_same_query!(booking, wijk);
diesel::allow_tables_to_appear_in_same_query!(booking, organisation);
diesel::allow_tables_to_appear_in_same_query!(booking, app_user);

diesel::table! {
    venue_change_request (id) {
        id -> Uuid,
        kind -> Text,
        venue_id -> Nullable<Uuid>,
        proposal -> Jsonb,
        reason -> Text,
        requester_id -> Nullable<Uuid>,
        status -> Text,
        decided_by -> Nullable<Uuid>,
        decided_at -> Nullable<Timestamptz>,
        decision_reason -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    programme (id) {
        id -> Uuid,
        slug -> Text,
        name -> Text,
        kind -> Text,
        status -> Text,
        description -> Text,
        total_cents -> Int8,
        base_cents -> Int8,
        cap_cents -> Int8,
        realisation_months -> Int4,
        proposals_count -> Nullable<Int4>,
        realised_count -> Nullable<Int4>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    programme_round (id) {
        id -> Uuid,
        programme_id -> Uuid,
        number -> Int2,
        name -> Text,
    }
}

diesel::table! {
    round_phase (round_id, phase) {
        round_id -> Uuid,
        phase -> Text,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
    }
}

diesel::table! {
    round_wijk (round_id, wijk_id) {
        round_id -> Uuid,
        programme_id -> Uuid,
        wijk_id -> Uuid,
        selection_method -> Text,
        vulnerability_milli -> Int4,
    }
}

diesel::table! {
    idea (id) {
        id -> Uuid,
        round_id -> Nullable<Uuid>,
        wijk_id -> Uuid,
        author_id -> Nullable<Uuid>,
        organisation_id -> Nullable<Uuid>,
        entered_by -> Nullable<Uuid>,
        submitter_name -> Nullable<Text>,
        channel -> Text,
        title -> Text,
        body -> Text,
        estimated_cost_cents -> Nullable<Int8>,
        lat -> Nullable<Float8>,
        lon -> Nullable<Float8>,
        status -> Text,
        status_reason -> Nullable<Text>,
        merged_into -> Nullable<Uuid>,
        referred_to -> Nullable<Text>,
        hidden_reason -> Nullable<Text>,
        image_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        contact -> Nullable<Text>,
    }
}

diesel::table! {
    stored_file (id) {
        id -> Uuid,
        sha256 -> Text,
        content_type -> Text,
        size -> Int4,
        bytes -> Bytea,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    idea_event (id) {
        id -> Uuid,
        idea_id -> Uuid,
        at -> Timestamptz,
        kind -> Text,
        status -> Nullable<Text>,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    idea_support (idea_id, user_id) {
        idea_id -> Uuid,
        user_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(programme_round -> programme (programme_id));
diesel::joinable!(round_phase -> programme_round (round_id));
diesel::joinable!(round_wijk -> programme_round (round_id));
diesel::joinable!(round_wijk -> wijk (wijk_id));
diesel::joinable!(idea -> wijk (wijk_id));
diesel::joinable!(idea -> programme_round (round_id));
diesel::joinable!(idea -> organisation (organisation_id));
diesel::joinable!(idea_event -> idea (idea_id));
diesel::joinable!(idea_support -> idea (idea_id));
diesel::allow_tables_to_appear_in_same_query!(
    programme,
    programme_round,
    round_phase,
    round_wijk,
    wijk,
    idea,
    idea_event,
    idea_support,
);
diesel::allow_tables_to_appear_in_same_query!(idea, organisation);
diesel::allow_tables_to_appear_in_same_query!(idea_support, organisation);
diesel::allow_tables_to_appear_in_same_query!(programme_round, organisation);
diesel::allow_tables_to_appear_in_same_query!(idea, app_user);

diesel::table! {
    proposal (id) {
        id -> Uuid,
        round_id -> Uuid,
        wijk_id -> Uuid,
        title -> Text,
        summary -> Text,
        cost_cents -> Int8,
        owners -> Text,
        status -> Text,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        decision_reason -> Nullable<Text>,
        decided_at -> Nullable<Timestamptz>,
        decision_kind -> Nullable<Text>,
        decided_by -> Nullable<Uuid>,
        college_date -> Nullable<Date>,
        college_reference -> Nullable<Text>,
    }
}

diesel::table! {
    budget_line (proposal_id, position) {
        proposal_id -> Uuid,
        position -> Int2,
        description -> Text,
        amount_cents -> Int8,
    }
}

diesel::table! {
    proposal_idea (proposal_id, idea_id) {
        proposal_id -> Uuid,
        idea_id -> Uuid,
    }
}

diesel::table! {
    residence (user_id) {
        user_id -> Uuid,
        wijk_id -> Uuid,
        birth_date -> Date,
        method -> Text,
        verified_by -> Nullable<Uuid>,
        verified_at -> Timestamptz,
    }
}

diesel::table! {
    vote (id) {
        id -> Uuid,
        round_id -> Uuid,
        wijk_id -> Uuid,
        ballot_kind -> Text,
        budget_cents -> Int8,
        max_choices -> Nullable<Int4>,
        points -> Nullable<Int4>,
        rule -> Text,
        min_age -> Int4,
        opens_at -> Timestamptz,
        closes_at -> Timestamptz,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    vote_option (vote_id, proposal_id) {
        vote_id -> Uuid,
        proposal_id -> Uuid,
    }
}

diesel::table! {
    ballot (id) {
        id -> Uuid,
        vote_id -> Uuid,
        source -> Text,
        voter_id -> Nullable<Uuid>,
        paper_ref -> Nullable<Text>,
        entered_by -> Nullable<Uuid>,
        confirmed_by -> Nullable<Uuid>,
        choices -> Jsonb,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(proposal -> wijk (wijk_id));
diesel::joinable!(proposal -> programme_round (round_id));
diesel::joinable!(budget_line -> proposal (proposal_id));
diesel::joinable!(proposal_idea -> proposal (proposal_id));
diesel::joinable!(vote -> wijk (wijk_id));
diesel::joinable!(vote -> programme_round (round_id));
diesel::joinable!(vote_option -> vote (vote_id));
diesel::joinable!(vote_option -> proposal (proposal_id));
diesel::joinable!(ballot -> vote (vote_id));
diesel::allow_tables_to_appear_in_same_query!(
    proposal,
    budget_line,
    proposal_idea,
    vote,
    vote_option,
    ballot,
    residence,
);
diesel::allow_tables_to_appear_in_same_query!(proposal, wijk);
diesel::allow_tables_to_appear_in_same_query!(proposal, programme_round);
diesel::allow_tables_to_appear_in_same_query!(proposal, round_wijk);
diesel::allow_tables_to_appear_in_same_query!(proposal, idea);
diesel::allow_tables_to_appear_in_same_query!(proposal, app_user);
diesel::allow_tables_to_appear_in_same_query!(budget_line, wijk);
diesel::allow_tables_to_appear_in_same_query!(budget_line, programme_round);
diesel::allow_tables_to_appear_in_same_query!(budget_line, round_wijk);
diesel::allow_tables_to_appear_in_same_query!(budget_line, idea);
diesel::allow_tables_to_appear_in_same_query!(budget_line, app_user);
diesel::allow_tables_to_appear_in_same_query!(proposal_idea, wijk);
diesel::allow_tables_to_appear_in_same_query!(proposal_idea, programme_round);
diesel::allow_tables_to_appear_in_same_query!(proposal_idea, round_wijk);
diesel::allow_tables_to_appear_in_same_query!(proposal_idea, idea);
diesel::allow_tables_to_appear_in_same_query!(proposal_idea, app_user);
diesel::allow_tables_to_appear_in_same_query!(vote, wijk);
diesel::allow_tables_to_appear_in_same_query!(vote, programme_round);
diesel::allow_tables_to_appear_in_same_query!(vote, round_wijk);
diesel::allow_tables_to_appear_in_same_query!(vote, idea);
diesel::allow_tables_to_appear_in_same_query!(vote, app_user);
diesel::allow_tables_to_appear_in_same_query!(vote_option, wijk);
diesel::allow_tables_to_appear_in_same_query!(vote_option, programme_round);
diesel::allow_tables_to_appear_in_same_query!(vote_option, round_wijk);
diesel::allow_tables_to_appear_in_same_query!(vote_option, idea);
diesel::allow_tables_to_appear_in_same_query!(vote_option, app_user);
diesel::allow_tables_to_appear_in_same_query!(ballot, wijk);
diesel::allow_tables_to_appear_in_same_query!(ballot, programme_round);
diesel::allow_tables_to_appear_in_same_query!(ballot, round_wijk);
diesel::allow_tables_to_appear_in_same_query!(ballot, idea);
diesel::allow_tables_to_appear_in_same_query!(ballot, app_user);
diesel::allow_tables_to_appear_in_same_query!(residence, wijk);
diesel::allow_tables_to_appear_in_same_query!(residence, programme_round);
diesel::allow_tables_to_appear_in_same_query!(residence, round_wijk);
diesel::allow_tables_to_appear_in_same_query!(residence, idea);
diesel::allow_tables_to_appear_in_same_query!(residence, app_user);

diesel::table! {
    project (id) {
        id -> Uuid,
        proposal_id -> Uuid,
        wijk_id -> Uuid,
        title -> Text,
        status -> Text,
        budget_cents -> Int8,
        spent_cents -> Int8,
        deadline -> Date,
        partners -> Array<Text>,
        lat -> Nullable<Float8>,
        lon -> Nullable<Float8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    project_update (id) {
        id -> Uuid,
        project_id -> Uuid,
        at -> Timestamptz,
        author_id -> Nullable<Uuid>,
        body -> Text,
        status -> Nullable<Text>,
        spent_cents -> Nullable<Int8>,
        photo_url -> Nullable<Text>,
    }
}

diesel::joinable!(project -> wijk (wijk_id));
diesel::joinable!(project -> proposal (proposal_id));
diesel::joinable!(project_update -> project (project_id));
diesel::allow_tables_to_appear_in_same_query!(project, project_update);
diesel::allow_tables_to_appear_in_same_query!(project, wijk);
diesel::allow_tables_to_appear_in_same_query!(project, proposal);
diesel::allow_tables_to_appear_in_same_query!(project, programme_round);
diesel::allow_tables_to_appear_in_same_query!(project_update, proposal);
diesel::allow_tables_to_appear_in_same_query!(project_update, wijk);
diesel::joinable!(proposal_idea -> idea (idea_id));
diesel::allow_tables_to_appear_in_same_query!(proposal, programme);

diesel::table! {
    panel (id) {
        id -> Uuid,
        round_id -> Uuid,
        wijk_id -> Uuid,
        size -> Int4,
        reserves -> Int4,
        quotas -> Jsonb,
        seed -> Nullable<Text>,
        algorithm -> Nullable<Text>,
        drawn_at -> Nullable<Timestamptz>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        quorum -> Int4,
        seed_published_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    panel_candidate (panel_id, pseudonym) {
        panel_id -> Uuid,
        pseudonym -> Text,
        user_id -> Nullable<Uuid>,
        strata -> Jsonb,
    }
}

diesel::table! {
    panel_seat (panel_id, pseudonym) {
        panel_id -> Uuid,
        pseudonym -> Text,
        kind -> Text,
        position -> Int4,
        withdrawn_at -> Nullable<Timestamptz>,
        replaced_by -> Nullable<Text>,
    }
}

diesel::table! {
    panel_score (panel_id, proposal_id, member_id) {
        panel_id -> Uuid,
        proposal_id -> Uuid,
        member_id -> Uuid,
        score -> Int4,
        comment -> Text,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(panel -> wijk (wijk_id));
diesel::joinable!(panel_candidate -> panel (panel_id));
diesel::joinable!(panel_score -> panel (panel_id));
diesel::joinable!(panel_score -> proposal (proposal_id));
diesel::allow_tables_to_appear_in_same_query!(panel, panel_candidate, panel_seat, panel_score);
diesel::allow_tables_to_appear_in_same_query!(panel, wijk);
diesel::allow_tables_to_appear_in_same_query!(panel_score, proposal);
diesel::allow_tables_to_appear_in_same_query!(stored_file, idea);

diesel::table! {
    subsidy_scheme (id) {
        id -> Uuid,
        key -> Text,
        name -> Text,
        owner_service -> Text,
        purpose -> Text,
        status -> Text,
        replaced_by -> Nullable<Uuid>,
        rules -> Jsonb,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    subsidy_budget (scheme_id, year) {
        scheme_id -> Uuid,
        year -> Int4,
        budget_cents -> Int8,
    }
}

diesel::table! {
    subsidy_deadline (id) {
        id -> Uuid,
        scheme_id -> Uuid,
        closes_on -> Date,
        closed_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    subsidy_application (id) {
        id -> Uuid,
        scheme_id -> Uuid,
        applicant_id -> Nullable<Uuid>,
        organisation_id -> Nullable<Uuid>,
        applicant_kind -> Text,
        status -> Text,
        category -> Text,
        title -> Text,
        description -> Text,
        themes -> Array<Text>,
        scope -> Text,
        target_groups -> Array<Text>,
        starts_on -> Nullable<Date>,
        ends_on -> Nullable<Date>,
        venue_id -> Nullable<Uuid>,
        location -> Text,
        requested_cents -> Int8,
        coaching -> Bool,
        deadline_id -> Nullable<Uuid>,
        budget_year -> Nullable<Int4>,
        decided_cents -> Nullable<Int8>,
        decision_reason -> Nullable<Text>,
        decided_at -> Nullable<Timestamptz>,
        decided_by -> Nullable<Uuid>,
        paid_cents -> Nullable<Int8>,
        paid_at -> Nullable<Timestamptz>,
        payment_reference -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        submitted_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    subsidy_application_wijk (application_id, wijk_id) {
        application_id -> Uuid,
        wijk_id -> Uuid,
    }
}

diesel::table! {
    subsidy_budget_line (application_id, position) {
        application_id -> Uuid,
        position -> Int4,
        kind -> Text,
        description -> Text,
        amount_cents -> Int8,
        actual_cents -> Nullable<Int8>,
    }
}

diesel::table! {
    subsidy_cosign_link (id) {
        id -> Uuid,
        application_id -> Uuid,
        token_hash -> Text,
        expires_at -> Timestamptz,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    subsidy_cosignature (application_id, user_id) {
        application_id -> Uuid,
        user_id -> Uuid,
        signed_at -> Timestamptz,
    }
}

diesel::table! {
    subsidy_attachment (id) {
        id -> Uuid,
        application_id -> Uuid,
        file_id -> Uuid,
        name -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    subsidy_event (id) {
        id -> Uuid,
        application_id -> Uuid,
        at -> Timestamptz,
        actor_id -> Nullable<Uuid>,
        actor_role -> Text,
        status -> Text,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    subsidy_conflict (application_id, user_id) {
        application_id -> Uuid,
        user_id -> Uuid,
        declared_at -> Timestamptz,
    }
}

diesel::table! {
    subsidy_score (application_id, user_id, criterion) {
        application_id -> Uuid,
        user_id -> Uuid,
        criterion -> Text,
        score -> Int4,
        comment -> Text,
        scored_at -> Timestamptz,
    }
}

diesel::table! {
    subsidy_report (application_id) {
        application_id -> Uuid,
        narrative -> Text,
        submitted_at -> Timestamptz,
        review -> Nullable<Text>,
        reviewed_at -> Nullable<Timestamptz>,
        reviewed_by -> Nullable<Uuid>,
    }
}

diesel::joinable!(subsidy_budget -> subsidy_scheme (scheme_id));
diesel::joinable!(subsidy_deadline -> subsidy_scheme (scheme_id));
diesel::joinable!(subsidy_application -> subsidy_scheme (scheme_id));
diesel::joinable!(subsidy_application -> organisation (organisation_id));
diesel::joinable!(subsidy_application -> subsidy_deadline (deadline_id));
diesel::joinable!(subsidy_application_wijk -> subsidy_application (application_id));
diesel::joinable!(subsidy_application_wijk -> wijk (wijk_id));
diesel::joinable!(subsidy_attachment -> stored_file (file_id));
diesel::joinable!(subsidy_event -> app_user (actor_id));
diesel::allow_tables_to_appear_in_same_query!(
    subsidy_scheme,
    subsidy_budget,
    subsidy_deadline,
    subsidy_application,
    subsidy_application_wijk,
    subsidy_budget_line,
    subsidy_cosign_link,
    subsidy_cosignature,
    subsidy_attachment,
    subsidy_event,
    subsidy_conflict,
    subsidy_score,
    subsidy_report,
);
diesel::allow_tables_to_appear_in_same_query!(subsidy_application, organisation);
diesel::allow_tables_to_appear_in_same_query!(subsidy_scheme, organisation);
diesel::allow_tables_to_appear_in_same_query!(subsidy_application, organisation_member);
diesel::allow_tables_to_appear_in_same_query!(subsidy_deadline, organisation);
diesel::allow_tables_to_appear_in_same_query!(subsidy_application_wijk, wijk);
diesel::allow_tables_to_appear_in_same_query!(subsidy_attachment, stored_file);
diesel::allow_tables_to_appear_in_same_query!(subsidy_event, app_user);
diesel::joinable!(venue_change_request -> venue (venue_id));
diesel::allow_tables_to_appear_in_same_query!(venue_change_request, venue);

diesel::table! {
    panel_decision_vote (panel_id, proposal_id, member_id) {
        panel_id -> Uuid,
        proposal_id -> Uuid,
        member_id -> Uuid,
        selected -> Bool,
        reason -> Text,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    residence_request (id) {
        id -> Uuid,
        user_id -> Uuid,
        wijk_id -> Uuid,
        birth_date -> Date,
        status -> Text,
        reason -> Nullable<Text>,
        decided_by -> Nullable<Uuid>,
        decided_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(panel_decision_vote -> panel (panel_id));
diesel::joinable!(residence_request -> wijk (wijk_id));
diesel::joinable!(residence_request -> app_user (user_id));
diesel::allow_tables_to_appear_in_same_query!(residence_request, wijk);
diesel::allow_tables_to_appear_in_same_query!(residence_request, app_user);
diesel::allow_tables_to_appear_in_same_query!(panel_decision_vote, panel);
diesel::allow_tables_to_appear_in_same_query!(panel_decision_vote, panel_seat);
diesel::allow_tables_to_appear_in_same_query!(panel_decision_vote, panel_candidate);
diesel::allow_tables_to_appear_in_same_query!(app_user, programme_round);

diesel::table! {
    organisation_recognition_request (id) {
        id -> Uuid,
        organisation_id -> Uuid,
        motivation -> Text,
        requested_by -> Nullable<Uuid>,
        requested_at -> Timestamptz,
        status -> Text,
        decided_by -> Nullable<Uuid>,
        decided_at -> Nullable<Timestamptz>,
        reason -> Nullable<Text>,
    }
}

diesel::joinable!(organisation_recognition_request -> organisation (organisation_id));
diesel::allow_tables_to_appear_in_same_query!(organisation_recognition_request, organisation);
diesel::allow_tables_to_appear_in_same_query!(organisation_recognition_request, wijk);

diesel::table! {
    city_service (id) {
        id -> Uuid,
        key -> Text,
        name -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    signal_category (key) {
        key -> Text,
        name_nl -> Text,
        name_en -> Text,
        position -> SmallInt,
    }
}

diesel::table! {
    signal_route (category, wijk_id) {
        category -> Text,
        wijk_id -> Nullable<Uuid>,
        service_id -> Uuid,
        updated_by -> Nullable<Uuid>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    signal (id) {
        id -> Uuid,
        category -> Text,
        wijk_id -> Nullable<Uuid>,
        service_id -> Uuid,
        lat -> Double,
        lon -> Double,
        description -> Text,
        reporter_id -> Nullable<Uuid>,
        reporter_name -> Nullable<Text>,
        reporter_contact -> Nullable<Text>,
        show_name -> Bool,
        channel -> Text,
        entered_by -> Nullable<Uuid>,
        status -> Text,
        resolution -> Nullable<Text>,
        planned_for -> Nullable<Date>,
        responsible -> Nullable<Text>,
        duplicate_of -> Nullable<Uuid>,
        photo_id -> Nullable<Uuid>,
        hidden_reason -> Nullable<Text>,
        closed_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        address -> Nullable<Text>,
        address_id -> Nullable<Text>,
        api_client_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    signal_event (id) {
        id -> Uuid,
        signal_id -> Uuid,
        at -> Timestamptz,
        status -> Text,
        resolution -> Nullable<Text>,
        reason -> Nullable<Text>,
        actor_id -> Nullable<Uuid>,
        by_reporter -> Bool,
        moderation -> Bool,
    }
}

diesel::table! {
    follow (id) {
        id -> Uuid,
        user_id -> Uuid,
        wijk_id -> Nullable<Uuid>,
        idea_id -> Nullable<Uuid>,
        signal_id -> Nullable<Uuid>,
        vote_id -> Nullable<Uuid>,
        council_id -> Nullable<Uuid>,
        mode -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    notification (id) {
        id -> Uuid,
        user_id -> Uuid,
        follow_id -> Nullable<Uuid>,
        topic -> Text,
        line -> Text,
        link -> Text,
        created_at -> Timestamptz,
        mail_id -> Nullable<Uuid>,
        sent_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    announcement (kind, subject_id) {
        kind -> Text,
        subject_id -> Uuid,
        at -> Timestamptz,
    }
}

diesel::table! {
    digest_run (week) {
        week -> Date,
        ran_at -> Timestamptz,
        mails -> Int4,
    }
}

diesel::table! {
    signing_key (name) {
        name -> Text,
        secret -> Bytea,
    }
}

diesel::joinable!(signal -> city_service (service_id));
diesel::joinable!(signal -> wijk (wijk_id));
diesel::joinable!(signal_route -> city_service (service_id));
diesel::joinable!(signal_route -> wijk (wijk_id));
diesel::joinable!(signal_event -> signal (signal_id));
diesel::joinable!(follow -> app_user (user_id));
diesel::joinable!(notification -> app_user (user_id));
diesel::allow_tables_to_appear_in_same_query!(notification, app_user);
diesel::allow_tables_to_appear_in_same_query!(signal, city_service);
diesel::allow_tables_to_appear_in_same_query!(signal, wijk);
diesel::allow_tables_to_appear_in_same_query!(signal, app_user);
diesel::allow_tables_to_appear_in_same_query!(signal, signal_event);
diesel::allow_tables_to_appear_in_same_query!(city_service, wijk);
diesel::allow_tables_to_appear_in_same_query!(signal_route, city_service);
diesel::allow_tables_to_appear_in_same_query!(signal_route, wijk);
diesel::allow_tables_to_appear_in_same_query!(signal_route, signal_category);
diesel::allow_tables_to_appear_in_same_query!(follow, app_user);
diesel::allow_tables_to_appear_in_same_query!(follow, residence);
diesel::joinable!(signal -> app_user (reporter_id));
diesel::allow_tables_to_appear_in_same_query!(app_user, city_service);
diesel::allow_tables_to_appear_in_same_query!(signal_category, city_service);
diesel::allow_tables_to_appear_in_same_query!(signal_category, wijk);

diesel::table! {
    address (id) {
        id -> Text,
        street -> Text,
        number -> Text,
        #[sql_name = "box"]
        box_ -> Nullable<Text>,
        postcode -> Text,
        municipality -> Text,
        lat -> Double,
        lon -> Double,
        search -> Text,
    }
}

diesel::table! {
    advisory_council (id) {
        id -> Uuid,
        key -> Text,
        name -> Text,
        kind -> Text,
        description -> Text,
        contact_name -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        position -> Int4,
    }
}

diesel::table! {
    advice_request (id) {
        id -> Uuid,
        subject -> Text,
        question -> Text,
        requested_by -> Text,
        documents -> Array<Text>,
        deadline -> Date,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    advice (request_id, council_id) {
        request_id -> Uuid,
        council_id -> Uuid,
        text -> Nullable<Text>,
        document_url -> Nullable<Text>,
        published_at -> Nullable<Timestamptz>,
        published_by -> Nullable<Uuid>,
        response -> Nullable<Text>,
        response_reason -> Nullable<Text>,
        responded_at -> Nullable<Timestamptz>,
        responded_by -> Nullable<Uuid>,
    }
}

diesel::joinable!(advice -> advice_request (request_id));
diesel::joinable!(advice -> advisory_council (council_id));
diesel::allow_tables_to_appear_in_same_query!(advice, advice_request, advisory_council);

diesel::joinable!(signal -> signal_category (category));
diesel::allow_tables_to_appear_in_same_query!(signal, signal_category);
