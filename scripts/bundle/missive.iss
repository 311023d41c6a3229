; Inno Setup script: the Windows installer of Missive, made from PyInstaller's
; one-folder output (dist\missive\ built on Windows by missive.spec).
;
;     iscc /DAppVersion=0.2.0 scripts\bundle\missive.iss   -> dist\missive-0.2.0-setup.exe
;
; A recipe: it runs on a hosted Windows runner (.ci/workflows/desktop.yml);
; nothing here builds or tests it (docs/install.md). It installs per user by
; default (no administrator rights; the dialog offers all users), keeps the
; folder as PyInstaller laid it out (Qt and enchant stay separate, replaceable
; DLLs, as the LGPL asks), and opens .missive drafts with Missive.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define Dist "..\..\dist"

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller by it.
AppId={{BA7E7536-11A8-45C1-8010-5106B2BBD9EF}
AppName=Missive
AppVersion={#AppVersion}
AppVerName=Missive {#AppVersion}
AppPublisher=The Missive authors
AppCopyright=Copyright (c) 2026 The Missive authors
DefaultDirName={autopf}\Missive
DefaultGroupName=Missive
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
LicenseFile=..\..\LICENSE
OutputDir={#Dist}
OutputBaseFilename=missive-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\missive.exe
ChangesAssociations=yes
; Sign the installer and the uninstaller when a certificate is configured in
; the runner (SignTool=… on the iscc command line); unsigned installers are
; what SmartScreen and antivirus heuristics distrust first.

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[CustomMessages]
en.DraftType=Missive draft
fr.DraftType=Projet Missive
es.DraftType=Borrador de Missive
ru.DraftType=Черновик Missive

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: missive.exe (the window), missive-cli.exe (the
; same program with a console, for the command line), _internal\ and licenses\.
Source: "{#Dist}\missive\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle's libraries wholesale: no stale DLL from an
; older Qt may stay beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Missive"; Filename: "{app}\missive.exe"
Name: "{autodesktop}\Missive"; Filename: "{app}\missive.exe"; Tasks: desktopicon

[Registry]
; HKA: the current user's classes for a per-user install, the machine's otherwise.
Root: HKA; Subkey: "Software\Classes\.missive"; ValueType: string; ValueName: ""; ValueData: "Missive.Draft"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Missive.Draft"; ValueType: string; ValueName: ""; ValueData: "{cm:DraftType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Missive.Draft\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\missive.exe,0"
Root: HKA; Subkey: "Software\Classes\Missive.Draft\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\missive.exe"" ""%1"""

[Run]
Filename: "{app}\missive.exe"; Description: "{cm:LaunchProgram,Missive}"; Flags: nowait postinstall skipifsilent
