"""The Streamlit analyst dashboard. Pages lay out widgets and call the packages;
nothing imports ``app``."""
