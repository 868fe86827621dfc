<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms of the app's %n strings (ui/translations.py::n_).
     Add an entry for every new n_("...") string; tests/ui/test_translations.py checks
     them all and that pictopy_en.qm is this file compiled:
     pyside6-lrelease pictopy_desktop/resources/i18n/pictopy_en.ts -->
<TS version="2.1" language="en">
<context>
    <name>pictopy</name>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation><numerusform>%Ln photo</numerusform><numerusform>%Ln photos</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s)</source>
        <translation><numerusform>%Ln person</numerusform><numerusform>%Ln people</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting for analysis</source>
        <translation><numerusform>%Ln waiting for analysis</numerusform><numerusform>%Ln waiting for analysis</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) unreadable</source>
        <translation><numerusform>%Ln file unreadable</numerusform><numerusform>%Ln files unreadable</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) could not be read.</source>
        <translation><numerusform>%Ln file could not be read.</numerusform><numerusform>%Ln files could not be read.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln place(s)</source>
        <translation><numerusform>%Ln place</numerusform><numerusform>%Ln places</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln country(-ies)</source>
        <translation><numerusform>%Ln country</numerusform><numerusform>%Ln countries</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>None of your %Ln photo(s) carries a GPS position.</source>
        <translation><numerusform>Your %Ln photo carries no GPS position.</numerusform><numerusform>None of your %Ln photos carries a GPS position.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>None of your %Ln photo(s) has a capture date (from the camera's EXIF or a Google Takeout sidecar); copies without one can't be placed in time.</source>
        <translation><numerusform>Your %Ln photo has no capture date (from the camera's EXIF or a Google Takeout sidecar); a copy without one can't be placed in time.</numerusform><numerusform>None of your %Ln photos has a capture date (from the camera's EXIF or a Google Takeout sidecar); copies without one can't be placed in time.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln of your photos has a capture date, but none was taken on this day in an earlier year, and no day or trip holds %1 of them yet.</source>
        <translation><numerusform>%Ln of your photos has a capture date, but it was not taken on this day in an earlier year, and a day or trip needs %1.</numerusform><numerusform>%Ln of your photos have a capture date, but none was taken on this day in an earlier year, and no day or trip holds %1 of them yet.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln on this day</source>
        <translation><numerusform>%Ln on this day</numerusform><numerusform>%Ln on this day</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln trip(s) and event(s)</source>
        <translation><numerusform>%Ln trip or event</numerusform><numerusform>%Ln trips and events</numerusform></translation>
    </message>
</context>
</TS>
