"""Pure evidence extractors: RepoSnapshot -> Evidence. No I/O."""
