"""The year-end contributor list: collect → rank → order → write (XLSX, DOCX, page data).

Pure Python: nothing here imports pelican. `invoke contributors` calls kfq.yearend.cli.run;
the Pelican adapter plugins/kfq_yearend uses collect, rank and page for /contributors/YYYY/.
"""
