module github.com/example/notes

go 1.27

require github.com/mattn/go-sqlite3 v1.14.24
