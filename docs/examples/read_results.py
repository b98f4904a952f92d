"""Read normlab's database and outputs from Python (duckdb, pandas).

Usage: python3 read_results.py DB.duckdb PANEL.parquet CURVE.csv
  DB.duckdb      the normlab database (`normlab data where` prints its path)
  PANEL.parquet  a risk set written by `normlab panel ... --out PANEL.parquet`
  CURVE.csv      curve.csv written by `normlab simulate ... --out DIR`
"""
import sys

import duckdb
import pandas as pd

db, panel_file, curve_file = sys.argv[1:4]

# The database: open it read-only, so normlab can keep using it.
con = duckdb.connect(db, read_only=True)
parties = con.execute(
    "SELECT count(*) FROM participation "
    "WHERE instrument_id = 'mine-ban' AND consent_date IS NOT NULL AND withdrawal_effective_date IS NULL"
).fetchone()[0]
polyarchy = con.execute(
    "SELECT iso3, year, value FROM indicator_value WHERE name = 'polyarchy' ORDER BY iso3, year"
).df()
con.close()

# A Parquet risk set, through DuckDB into pandas (pandas.read_parquet also works with pyarrow).
panel = duckdb.sql("SELECT * FROM read_parquet(?)", params=[panel_file]).df()
events = int(panel["event"].sum())
# Consents per year in the risk set: the events by year.
by_year = panel.groupby("year")["event"].sum()

# CSV outputs load directly into pandas.
curve = pd.read_csv(curve_file)

print(f"parties {parties}")
print(f"polyarchy rows {len(polyarchy)}")
print(f"panel rows {len(panel)} events {events}")
print(f"events in {by_year.idxmax()} {int(by_year.max())}")
print(f"curve years {curve['year'].min()}-{curve['year'].max()}")
print(f"curve parties_mean last {curve['parties_mean'].iloc[-1]:.4f}")
