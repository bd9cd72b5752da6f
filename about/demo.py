def about_demo_load(school) -> None:
    pass
