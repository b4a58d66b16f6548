@echo off
rem kensa (release bundle) for Windows: runs the bundle's jar on the bundle's own runtime (runtime\, in a variant that
rem has one), else %JAVA_HOME%, else java on PATH, after checking it is Java 17+. Writes nothing into the bundle's
rem folder unless it is writable: the class-data archive and the answers of serve go to %LOCALAPPDATA%\kensa otherwise.
setlocal EnableExtensions DisableDelayedExpansion
for %%I in ("%~dp0..") do set "ROOT=%%~fI"
set "JAR=%ROOT%\kensa.jar"

set "JAVA="
if exist "%ROOT%\runtime\bin\java.exe" set "JAVA=%ROOT%\runtime\bin\java.exe"
if not defined JAVA if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for %%J in (java.exe) do if not "%%~$PATH:J"=="" set "JAVA=%%~$PATH:J"
if not defined JAVA goto nojava
rem The first number of the version: 1 for "1.8.0_402", 17 for "17.0.15".
set "FEATURE="
for /f "tokens=3" %%V in ('call "%JAVA%" -version 2^>^&1 ^| findstr /i /c:" version "') do if not defined FEATURE set "FEATURE=%%~V"
if not defined FEATURE goto nojava
for /f "delims=.-+" %%F in ("%FEATURE%") do set "FEATURE=%%F"
set /a FEATURE=%FEATURE% 2>nul
if %FEATURE% LSS 17 goto nojava

rem Writable only if a file can be made there (a folder under Program Files is not, for a user).
set "STATE=%LOCALAPPDATA%\kensa"
(type nul > "%ROOT%\.kensa-write-test") 2>nul && (del "%ROOT%\.kensa-write-test" 2>nul & set "STATE=%ROOT%")

rem (The options with '*' quoted: Java's launcher on Windows expands wildcards.)
set OPTS=-XX:+IgnoreUnrecognizedVMOptions -XX:+UseSerialGC -Xshare:auto "-Xlog:cds*=off" "-Xlog:class+path*=off"
if /i not "%~1"=="serve" if /i not "%~1"=="generate" set "OPTS=%OPTS% -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"

rem The class-data archive, recorded once from an assessment of a bundled example (as bin/kensa does). A stamp of the
rem bundle's folder, the Java and the jar's time says whether it is still the one for them.
set "JSA=%STATE%\cds\kensa.jsa"
for %%I in ("%JAR%") do set "STAMP=%ROOT%;%JAVA%;%%~tI;%%~zI"
set "OLD="
if exist "%JSA%.stamp" set /p OLD=<"%JSA%.stamp"
if "%KENSA_CDS%"=="0" goto run
if "%OLD%"=="%STAMP%" goto run
if not exist "%STATE%\cds" mkdir "%STATE%\cds" 2>nul
if not exist "%STATE%\cds" goto run
del "%JSA%" "%JSA%.stamp" "%JSA%.tmp" 2>nul
set "OUT=%TEMP%\kensa-cds-%RANDOM%%RANDOM%"
rem The JVM writes the archive as it exits: it takes its place only when complete (a partial one would crash the JVM).
"%JAVA%" %OPTS% -XX:+SuppressFatalErrorMessage "-XX:ArchiveClassesAtExit=%JSA%.tmp" "-Dkensa.home=%ROOT%" -jar "%JAR%" assess "%ROOT%\checklists\examples\small-clinic.xml" -o "%OUT%" >nul 2>&1
if not errorlevel 2 if exist "%JSA%.tmp" move /y "%JSA%.tmp" "%JSA%" >nul 2>&1
del "%JSA%.tmp" 2>nul
rd /s /q "%OUT%" 2>nul
rem A failed recording leaves the stamp too, so it is not tried on every start (the archive is then simply absent).
setlocal EnableDelayedExpansion
> "!JSA!.stamp" echo(!STAMP!
endlocal

:run
set "SHARE="
rem (Quoted in the value: the user's folder may hold a space.)
if exist "%JSA%" set SHARE="-XX:SharedArchiveFile=%JSA%"
"%JAVA%" %OPTS% %SHARE% "-Dkensa.home=%ROOT%" "-Dkensa.data=%STATE%\kensa-data" -jar "%JAR%" %*
exit /b %ERRORLEVEL%

:nojava
rem UTF-8 for the lines below (this file is UTF-8); cmd reads each line as it reaches it.
chcp 65001 >nul
echo kensa: Java 17 以上が見つかりません。kensa を動かすには Java 17 以上が必要です。 1>&2
echo 次を入れてから、もう一度起動してください: Eclipse Temurin(無料)の JRE 17 以上 1>&2
echo   https://adoptium.net/ja/temurin/releases/ (「Windows」「x64」「JRE」の .msi を選び、インストールします) 1>&2
exit /b 3
