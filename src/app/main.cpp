// The desktop executable: AppComposition decides whether this run talks to Daily (the user's domains, or
// DAILY_API_KEY) or to the embedded sandbox, builds the services and starts the main window.

#include "AppComposition.h"
#include "StartupOptions.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    AppComposition::applyIdentity();
    AppComposition composition(StartupOptions::fromCommandLine(app));
    if (!composition.ok()) {
        std::fprintf(stderr, "daily-webhooks: %s\n", qPrintable(composition.problem()));
        return composition.exitCode();
    }
    composition.start();
    return app.exec();
}
