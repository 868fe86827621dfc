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
</context>
</TS>
