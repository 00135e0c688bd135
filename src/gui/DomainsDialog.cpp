#include "DomainsDialog.h"
#include "ui_DomainsDialog.h"

#include "BulkDomainParser.h"
#include "DomainStore.h"
#include "UserPrompts.h"

#include <QFile>
#include <QHeaderView>
#include <QPushButton>

DomainsDialog::DomainsDialog(DomainStore* domains, UserPrompts* prompts, const QUrl& defaultBaseUrl, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DomainsDialog>())
    , m_domains(domains)
    , m_prompts(prompts)
    , m_defaultBaseUrl(defaultBaseUrl)
{
    m_ui->setupUi(this);
    m_ui->domainTable->setColumnCount(3);
    m_ui->domainTable->setHorizontalHeaderLabels({tr("Name"), tr("API base URL"), tr("API key")});
    m_ui->domainTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->domainTable->verticalHeader()->hide();
    m_ui->baseUrlEdit->setText(defaultBaseUrl.toString());

    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->addButton, &QPushButton::clicked, this, &DomainsDialog::addOne);
    connect(m_ui->bulkAddButton, &QPushButton::clicked, this,
        [this] { addMany(m_ui->bulkEdit->toPlainText().toUtf8(), true); });
    connect(m_ui->bulkImportButton, &QPushButton::clicked, this, [this] {
        const QString path
            = m_prompts->openFileName(this, tr("Import domains"), tr("Text files (*.txt *.csv);;All files (*)"));
        if (path.isEmpty())
            return;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            setStatus(tr("Could not read %1: %2").arg(path, file.errorString()), true);
            return;
        }
        addMany(file.readAll(), false);
    });
    connect(m_ui->renameButton, &QPushButton::clicked, this, &DomainsDialog::renameSelected);
    connect(m_ui->replaceKeyButton, &QPushButton::clicked, this, &DomainsDialog::replaceKeyOfSelected);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &DomainsDialog::removeSelected);
    connect(m_ui->domainTable, &QTableWidget::itemSelectionChanged, this, [this] {
        const bool selected = !selectedId().isEmpty();
        for (QPushButton* b : {m_ui->renameButton, m_ui->replaceKeyButton, m_ui->removeButton})
            b->setEnabled(selected);
    });
    connect(m_domains, &DomainStore::domainsChanged, this, &DomainsDialog::reload);
    reload();
    setStatus(QString());
}

DomainsDialog::~DomainsDialog() = default;

void DomainsDialog::reload()
{
    const QString keep = selectedId();
    // Rows are refilled in place: without this, a removed domain's selection would pass to the next one.
    m_ui->domainTable->clearSelection();
    const QList<Domain> domains = m_domains->domains();
    m_ui->domainTable->setRowCount(int(domains.size()));
    for (int row = 0; row < domains.size(); ++row) {
        const Domain& domain = domains.at(row);
        auto* name = new QTableWidgetItem(domain.name);
        name->setData(Qt::UserRole, domain.id);
        m_ui->domainTable->setItem(row, 0, name);
        m_ui->domainTable->setItem(row, 1, new QTableWidgetItem(domain.baseUrl.toString()));
        QString where = tr("in the keychain");
        if (m_keysEphemeral)
            where = tr("in memory (sandbox)");
        else if (m_domains->hasSessionOnlyKey(domain.id))
            where = tr("in memory until you quit");
        m_ui->domainTable->setItem(row, 2, new QTableWidgetItem(where));
        if (domain.id == keep)
            m_ui->domainTable->selectRow(row);
    }
    m_ui->domainTable->resizeColumnsToContents();
    const bool selected = !selectedId().isEmpty();
    for (QPushButton* b : {m_ui->renameButton, m_ui->replaceKeyButton, m_ui->removeButton})
        b->setEnabled(selected);
}

QString DomainsDialog::selectedId() const
{
    const QList<QTableWidgetItem*> items = m_ui->domainTable->selectedItems();
    if (items.isEmpty())
        return {};
    const QTableWidgetItem* name = m_ui->domainTable->item(items.first()->row(), 0);
    return name ? name->data(Qt::UserRole).toString() : QString();
}

void DomainsDialog::setKeysEphemeral(bool ephemeral)
{
    m_keysEphemeral = ephemeral;
    m_ui->keyEdit->setPlaceholderText(
        ephemeral ? tr("Any key: the sandbox accepts it") : tr("Stored in the keychain only"));
    reload();
}

QString DomainsDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

void DomainsDialog::setStatus(const QString& text, bool problem)
{
    m_ui->statusLabel->setText(problem && !text.isEmpty() ? QStringLiteral("⚠ ") + text : text);
    m_ui->statusLabel->setVisible(!text.isEmpty());
}

void DomainsDialog::setBusy(bool busy)
{
    m_ui->addGroup->setEnabled(!busy);
    m_ui->bulkGroup->setEnabled(!busy);
}

void DomainsDialog::addOne()
{
    const QString base = m_ui->baseUrlEdit->text().trimmed();
    const QUrl baseUrl = base.isEmpty() ? m_defaultBaseUrl : QUrl(base);
    setBusy(true);
    m_domains->add(
        m_ui->nameEdit->text(), baseUrl, m_ui->keyEdit->text(), this, [this](const DomainStore::Result& result) {
            setBusy(false);
            reload(); // the keychain has answered: the key column may have changed
            if (!result.added()) {
                // The form keeps what was typed, so the user can correct it.
                setStatus(result.error, true);
                return;
            }
            m_ui->nameEdit->clear();
            m_ui->keyEdit->clear();
            setStatus(result.keyInKeychain
                    ? tr("Added %1; its key is in the keychain.").arg(result.domain.name)
                    : tr("Added %1, but the key is kept in memory only: %2").arg(result.domain.name, result.error),
                !result.keyInKeychain);
        });
}

void DomainsDialog::addMany(const QByteArray& input, bool fromBox)
{
    const BulkDomainParser::Result parsed = BulkDomainParser::parse(input, m_domains->names());
    QStringList problems;
    for (const BulkProblem& p : parsed.problems)
        problems << p.problem;
    if (parsed.entries.isEmpty()) {
        setStatus(
            problems.isEmpty() ? tr("Nothing to add: give one name,key per line.") : problems.join(QLatin1Char('\n')),
            true);
        return;
    }
    setBusy(true);
    // The keychain takes a few dozen keys a second: long lists get a bar, while the dialog stays usable.
    m_ui->bulkProgress->setRange(0, int(parsed.entries.size()));
    m_ui->bulkProgress->setValue(0);
    m_ui->bulkProgress->show();
    const QList<BulkEntry> entries = parsed.entries;
    m_domains->addBulk(
        entries, m_defaultBaseUrl, this,
        [this, fromBox, problems, entries](const QList<DomainStore::Result>& results) {
            m_ui->bulkProgress->hide();
            setBusy(false);
            reload();
            QStringList lines = problems;
            int added = 0;
            int notSent = 0;
            for (int i = 0; i < results.size(); ++i) {
                const DomainStore::Result& r = results.at(i);
                if (r.added())
                    ++added;
                else if (r.keychainTimedOut)
                    ++notSent;
                else
                    lines << tr("Line %1: %2").arg(entries.at(i).line).arg(r.error);
            }
            // After a keychain timeout nothing more was sent: one line for them all, not one per domain.
            if (notSent > 0) {
                lines << tr("%n domain(s) were not added: the keyring had stopped answering. Unlock it and add them "
                            "again.",
                    nullptr, notSent);
            }
            lines.prepend(tr("Added %n domain(s).", nullptr, added));
            // Everything went in; a failure keeps the text. An imported file leaves the box as it was.
            if (lines.size() == 1 && fromBox)
                m_ui->bulkEdit->clear();
            setStatus(lines.join(QLatin1Char('\n')), lines.size() > 1);
        },
        [this](int done, int) { m_ui->bulkProgress->setValue(done); });
}

void DomainsDialog::renameSelected()
{
    const auto domain = m_domains->domain(selectedId());
    if (!domain)
        return;
    QString name = domain->name;
    if (!m_prompts->askText(this, tr("Rename domain"), tr("New name for %1:").arg(domain->name), &name))
        return;
    const QString problem = m_domains->rename(domain->id, name);
    setStatus(problem.isEmpty() ? tr("Renamed to %1.").arg(name.trimmed()) : problem, !problem.isEmpty());
}

void DomainsDialog::replaceKeyOfSelected()
{
    const auto domain = m_domains->domain(selectedId());
    if (!domain)
        return;
    // The key field of the add form doubles as the input, so the key is typed masked and never shown back.
    const QString key = m_ui->keyEdit->text();
    if (key.trimmed().isEmpty()) {
        setStatus(
            tr("Type the new API key of %1 into the API key field, then press Replace key again.").arg(domain->name),
            true);
        m_ui->keyEdit->setFocus();
        return;
    }
    m_domains->setKey(domain->id, key, this, [this](const DomainStore::Result& result) {
        reload();
        if (result.ok())
            m_ui->keyEdit->clear();
        setStatus(result.ok() ? tr("Key of %1 replaced.").arg(result.domain.name) : result.error, !result.ok());
    });
}

void DomainsDialog::removeSelected()
{
    const auto domain = m_domains->domain(selectedId());
    if (!domain)
        return;
    if (!m_prompts->confirm(this, tr("Remove domain"),
            tr("Remove the domain %1 from Daily Webhooks and its API key from the keychain? Its "
               "webhook on Daily stays as it is.")
                .arg(domain->name),
            tr("Remove")))
        return;
    const QString name = domain->name;
    m_domains->remove(domain->id, this, [this, name](const SecretStore::Result& result) {
        setStatus(result.ok() ? tr("Removed %1.").arg(name)
                              : tr("Removed %1, but the keychain kept its key: %2").arg(name, result.error),
            !result.ok());
    });
}
