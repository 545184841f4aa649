; OCOP Desktop installer (NSIS 3, UTF-8). Built by tools/build-windows.sh:
;   makensis -INPUTCHARSET UTF8 -DVERSION=… -DSTAGE=… -DOUTFILE=… -DGEN=… installer.nsi
; Per-user: no administrator rights, program under %LOCALAPPDATA%\Programs\OCOP Desktop,
; registry under HKCU only. The office's data (%LOCALAPPDATA%\ocop-desktop) is never touched:
; neither by the uninstaller nor by installing a newer version over an older one (the app
; migrates the database when it next opens it).

Unicode true
; 64-bit stub: the program is win_amd64 only, and Wine (wine64) runs it without 32-bit support.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 32
SetDatablockOptimize on
CRCCheck on

!define APP "OCOP Desktop"
!define GUI_EXE "OCOPDesktop.exe"
!define CLI_EXE "ocop-desktop.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\OCOPDesktop"
!define BUNDLE_CLASS "OCOPDesktop.Bundle"
!define PROFILE_CLASS "OCOPDesktop.Profile"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=1066 "ProductName" "${APP}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileDescription" "Trình cài đặt ${APP}"
VIAddVersionKey /LANG=1066 "CompanyName" "Chương trình OCOP"
VIAddVersionKey /LANG=1066 "LegalCopyright" "MIT"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${GEN}\ocop-desktop.ico"
!define MUI_UNICON "${GEN}\ocop-desktop.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "Trình cài đặt sẽ cài ${APP} ${VERSION} cho tài khoản Windows của bạn. Không cần quyền quản trị.$\r$\n$\r$\nDữ liệu của văn phòng (cơ sở dữ liệu, ảnh, bản sao lưu) không nằm trong thư mục chương trình: cài phiên bản mới đè lên phiên bản cũ hay gỡ chương trình đều giữ nguyên dữ liệu.$\r$\n$\r$\nBấm Tiếp để tiếp tục."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APP} ngay"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Chương trình ${APP} sẽ được gỡ khỏi máy. Dữ liệu của văn phòng (thư mục $LOCALAPPDATA\ocop-desktop) được GIỮ NGUYÊN; muốn xoá hẳn thì tự xoá thư mục đó sau khi đã sao lưu."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "${APP}" SecMain
  SectionIn RO
  ; An older version here: remove its program files first (only our own folders, and only
  ; when this really is an OCOP Desktop folder), so that no stale module outlives it.
  IfFileExists "$INSTDIR\${CLI_EXE}" 0 fresh
    DetailPrint "Gỡ các tệp chương trình của phiên bản cũ (dữ liệu được giữ nguyên)…"
    RMDir /r "$INSTDIR\python"
    RMDir /r "$INSTDIR\app"
  fresh:
  SetOverwrite on
  !include "${GEN}\install-files.nsh"
  SetOutPath "$INSTDIR"
  File "/oname=ocop-desktop.ico" "${GEN}\ocop-desktop.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\ocop-desktop.ico" 0
  CreateShortCut "$DESKTOP\${APP}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\ocop-desktop.ico" 0

  ; Double-click on a sync bundle or an office profile opens the import in the app.
  WriteRegStr HKCU "Software\Classes\.ocopbundle" "" "${BUNDLE_CLASS}"
  WriteRegStr HKCU "Software\Classes\${BUNDLE_CLASS}" "" "Gói đồng bộ OCOP"
  WriteRegStr HKCU "Software\Classes\${BUNDLE_CLASS}\DefaultIcon" "" "$INSTDIR\ocop-desktop.ico"
  WriteRegStr HKCU "Software\Classes\${BUNDLE_CLASS}\shell\open" "" "Nhập vào OCOP Desktop"
  WriteRegStr HKCU "Software\Classes\${BUNDLE_CLASS}\shell\open\command" "" '"$INSTDIR\${GUI_EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\.ocopprofile" "" "${PROFILE_CLASS}"
  WriteRegStr HKCU "Software\Classes\${PROFILE_CLASS}" "" "Hồ sơ văn phòng OCOP"
  WriteRegStr HKCU "Software\Classes\${PROFILE_CLASS}\DefaultIcon" "" "$INSTDIR\ocop-desktop.ico"
  WriteRegStr HKCU "Software\Classes\${PROFILE_CLASS}\shell\open" "" "Nhập vào OCOP Desktop"
  WriteRegStr HKCU "Software\Classes\${PROFILE_CLASS}\shell\open\command" "" '"$INSTDIR\${GUI_EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "Chương trình OCOP"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\ocop-desktop.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

Section "Uninstall"
  ; Program files only. The office's data lives in $LOCALAPPDATA\ocop-desktop and stays.
  !include "${GEN}\uninstall-files.nsh"
  Delete "$INSTDIR\ocop-desktop.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  ; Only the associations that still point at this program.
  ReadRegStr $0 HKCU "Software\Classes\.ocopbundle" ""
  StrCmp $0 "${BUNDLE_CLASS}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.ocopbundle"
  ReadRegStr $0 HKCU "Software\Classes\.ocopprofile" ""
  StrCmp $0 "${PROFILE_CLASS}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.ocopprofile"
  DeleteRegKey HKCU "Software\Classes\${BUNDLE_CLASS}"
  DeleteRegKey HKCU "Software\Classes\${PROFILE_CLASS}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
