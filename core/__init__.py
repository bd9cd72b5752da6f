"""Content: what every school's pages share — SectionPage and the home pages, site settings,
template tags, pagination, SEO data, school years, names and slugs."""
