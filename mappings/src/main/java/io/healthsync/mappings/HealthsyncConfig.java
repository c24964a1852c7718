package io.healthsync.mappings;

import java.nio.file.Path;

/** Everything RevOps configures, loaded from one config directory (missing files fall back to the shipped defaults). */
public record HealthsyncConfig(
        Path directory,
        Taxonomy taxonomy,
        FieldMapping fields,
        ScorecardConfig scorecard,
        SourcesConfig sources,
        IdentityConfig identity,
        PlaybooksConfig playbooks,
        AttributionConfig attribution) {

    public HealthsyncConfig(Path directory, Taxonomy taxonomy, FieldMapping fields, ScorecardConfig scorecard,
                            SourcesConfig sources, IdentityConfig identity, PlaybooksConfig playbooks) {
        this(directory, taxonomy, fields, scorecard, sources, identity, playbooks, AttributionConfig.defaults());
    }

    public HealthsyncConfig(Path directory, Taxonomy taxonomy, FieldMapping fields, ScorecardConfig scorecard,
                            SourcesConfig sources) {
        this(directory, taxonomy, fields, scorecard, sources, IdentityConfig.defaults());
    }

    public HealthsyncConfig(Path directory, Taxonomy taxonomy, FieldMapping fields, ScorecardConfig scorecard,
                            SourcesConfig sources, IdentityConfig identity) {
        this(directory, taxonomy, fields, scorecard, sources, identity, PlaybooksConfig.defaults());
    }

    public HealthsyncConfig withSources(SourcesConfig replaced) {
        return new HealthsyncConfig(directory, taxonomy, fields, scorecard, replaced, identity, playbooks, attribution);
    }
}
