@echo off
rem Double-clicked in Explorer: opens the questionnaire in the browser. The window stays open while kensa runs (closing
rem it stops kensa) and, if kensa could not start, until a key is pressed, so its messages can be read.
call "%~dp0bin\kensa.cmd" serve %*
if errorlevel 1 pause
